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

  // Search page: query the Pagefind index built at build time.
  var results = document.getElementById("search-results");
  if (!results) return;
  var params = new URLSearchParams(window.location.search);
  var query = params.get("q") || "";
  var input = document.getElementById("search-page-q");
  if (input) input.value = query;
  if (!query) return;
  import(results.getAttribute("data-pagefind") + "pagefind.js").then(function (pagefind) {
    return pagefind.options({ baseUrl: results.getAttribute("data-base") || "/" }).then(function () { return pagefind.search(query); })
      .then(function (search) {
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      });
  }).then(function (items) {
    results.textContent = "";
    var lang = results.getAttribute("data-lang");
    items = items.filter(function (item) { return !lang || item.url.indexOf("/" + lang + "/") !== -1; });
    if (!items.length) { results.textContent = results.getAttribute("data-empty"); return; }
    var count = document.createElement("p");
    count.textContent = results.getAttribute("data-count").replace("%s", items.length);
    results.appendChild(count);
    var list = document.createElement("ol");
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
    results.appendChild(list);
  }).catch(function () {
    results.textContent = results.getAttribute("data-empty");
  });
})();
