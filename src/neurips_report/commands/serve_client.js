// neurips-report serve: reloads the page when the site was rebuilt and shows build errors over it.
// Loaded as an external script (allowed by the pages' script-src 'self'); asks the server with a
// long poll (allowed by connect-src 'self'). The page carries the generation it was built in, and
// every poll sends it: a rebuild that lands while the page loads or reloads is never missed.
(function () {
  "use strict";
  var root = document.documentElement;
  var built = Number(root.getAttribute("data-serve-built") || 0);
  var seen = -1;
  var box = null;

  function show(errors) {
    if (!errors.length) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.id = "serve-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:9999;" +
        "background:#fff5f5;color:#611;border:2px solid #c33;border-radius:8px;padding:1rem;" +
        "font:14px/1.5 monospace;white-space:pre-wrap;box-shadow:0 4px 16px rgba(0,0,0,.25)";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed; showing the last good version.\n\n" + errors.join("\n");
  }

  function poll() {
    fetch("/_serve/status.json?built=" + built + "&seen=" + seen, {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.built > built) {        // a newer good build: show it (and its errors, if any came since)
          location.reload();
          return;
        }
        seen = status.generation;
        show(status.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
