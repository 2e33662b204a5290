// Progressive enhancement only: the site works without this file.
(function () {
  // "Copy" buttons for BibTeX blocks.
  document.querySelectorAll(".copy-button").forEach(function (button) {
    var pre = button.previousElementSibling;
    if (!pre || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        button.setAttribute("aria-live", "polite");
      });
    });
  });

  // Search as you type (Pagefind's JS API over the index written at build time). Without JavaScript
  // the header form opens the search page, which lists where to browse instead.
  var root = document.documentElement.getAttribute("data-root");
  if (root === null) return;
  var rootPath = new URL(root, window.location.href).pathname;
  var pagefind = null;
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(rootPath + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: rootPath, excerptLength: 24 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }
  function resultsOf(query, filters, count) {
    return loadPagefind().then(function (pf) {
      return pf.debouncedSearch(query, { filters: filters || {} }, 150);
    }).then(function (search) {
      if (!search) return null;            // a newer keystroke replaced this search
      return Promise.all(search.results.slice(0, count).map(function (r) { return r.data(); }))
        .then(function (items) { return { total: search.results.length, items: items }; });
    });
  }
  function resultList(items) {
    var list = document.createElement("ol");
    list.className = "search-hits";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = (item.meta && item.meta.title) || item.url;
      var p = document.createElement("p");
      p.innerHTML = item.excerpt; // Pagefind escapes the excerpt and adds only <mark>
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    return list;
  }
  function countText(element, name, n) {
    // the language's plural rules (CLDR, as Babel uses at build time): data-count-one for one thing
    var form = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang).select(n) : "other";
    var template = element.getAttribute(name + "-" + form) || element.getAttribute(name);
    return template.replace("%s", n);
  }

  // The header's search box: the first results drop down below it while typing.
  var form = document.querySelector(".site-header .search-form");
  var box = document.getElementById("search-q");
  var panel = document.getElementById("search-live");
  if (form && box && panel && !document.getElementById("search-results")) {
    var closePanel = function () { panel.hidden = true; };
    box.addEventListener("focus", loadPagefind, { once: true });
    box.addEventListener("input", function () {
      var query = box.value.trim();
      if (!query) { closePanel(); return; }
      resultsOf(query, {}, 6).then(function (found) {
        if (!found || box.value.trim() !== query) return;
        panel.textContent = "";
        if (!found.items.length) {
          var none = document.createElement("p");
          none.textContent = panel.getAttribute("data-empty");
          panel.appendChild(none);
        } else {
          panel.appendChild(resultList(found.items));
        }
        var all = document.createElement("a");
        all.className = "search-all";
        all.href = form.getAttribute("action") + "?q=" + encodeURIComponent(query);
        all.textContent = countText(panel, "data-all", found.total);
        panel.appendChild(all);
        panel.hidden = false;
      }).catch(closePanel);
    });
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") closePanel(); });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) closePanel(); });
  }

  // The search page: results and filters follow the query as it is typed. The filters are facets of
  // the results (each paper page carries its type and track as Pagefind metadata): Pagefind's own
  // filter files are written in hash-map order, which would make two builds differ.
  var results = document.getElementById("search-results");
  if (!results) return;
  var input = document.getElementById("search-page-q");
  var filterBox = document.getElementById("search-filters");
  var facets = ["type", "track"];
  var selects = {};
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  facets.forEach(function (name) {
    var label = document.createElement("label");
    label.textContent = filterBox.getAttribute("data-label-" + name) + " ";
    var select = document.createElement("select");
    select.addEventListener("change", show);
    selects[name] = select;
    label.appendChild(select);
    filterBox.appendChild(label);
  });
  var found = null;
  function fillFacets(items) {
    facets.forEach(function (name) {
      var select = selects[name], chosen = select.value, counts = {};
      items.forEach(function (item) {
        var value = item.meta && item.meta[name];
        if (value) counts[value] = (counts[value] || 0) + 1;
      });
      select.textContent = "";
      var any = document.createElement("option");
      any.value = "";
      any.textContent = filterBox.getAttribute("data-all");
      select.appendChild(any);
      Object.keys(counts).sort().forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + counts[value] + ")";
        select.appendChild(option);
      });
      select.value = counts[chosen] ? chosen : "";
    });
    filterBox.hidden = !items.some(function (item) { return item.meta && item.meta.type; });
  }
  function show() {
    if (!found) return;
    var items = found.items.filter(function (item) {
      return facets.every(function (name) { return !selects[name].value || (item.meta && item.meta[name] === selects[name].value); });
    });
    results.textContent = "";
    if (!items.length) { results.textContent = results.getAttribute("data-empty"); return; }
    var count = document.createElement("p");
    count.textContent = countText(results, "data-count", items.length);
    results.appendChild(count);
    results.appendChild(resultList(items.slice(0, 30)));
  }
  function run() {
    var query = input.value.trim();
    history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query) : window.location.pathname);
    if (!query) { results.textContent = ""; found = null; filterBox.hidden = true; return; }
    resultsOf(query, {}, 100).then(function (answer) {
      if (!answer || input.value.trim() !== query) return;
      found = answer;
      fillFacets(answer.items);
      show();
    }).catch(function () { results.textContent = results.getAttribute("data-empty"); });
  }
  input.addEventListener("input", run);
  input.form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  run();
})();
