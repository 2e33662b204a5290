// Language choice page: highlight (never force) the reader's preferred language.
(function () {
  var prefs = (navigator.languages || [navigator.language || ""]).map(function (l) { return l.toLowerCase(); });
  var links = document.querySelectorAll(".language-list a[data-lang]");
  for (var p = 0; p < prefs.length; p++) {
    for (var i = 0; i < links.length; i++) {
      var code = links[i].getAttribute("data-lang").toLowerCase();
      if (prefs[p] === code || prefs[p].split("-")[0] === code) {
        links[i].classList.add("preferred");
        links[i].focus();
        return;
      }
    }
  }
})();
