// newsmill archive: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // "/" focuses the search box, as on most search sites.
  document.addEventListener("keydown", function (ev) {
    var q = document.getElementById("q");
    if (ev.key === "/" && q && document.activeElement !== q && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) {
      ev.preventDefault();
      q.focus();
    }
  });
  // Opening an article at #removed (or from the toggle) shows the removed blocks.
  if (location.hash === "#removed") {
    var d = document.getElementById("removed");
    if (d) d.open = true;
  }
  // Long lists of removed blocks are loaded when the toggle is first opened.
  var lazy = document.querySelector("details.removed[data-src]");
  if (lazy) {
    lazy.addEventListener("toggle", function () {
      if (!lazy.open || lazy.dataset.loaded) return;
      lazy.dataset.loaded = "1";
      fetch(lazy.dataset.src).then(function (r) { return r.text(); }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var list = doc.getElementById("removed-list");
        var slot = lazy.querySelector("p.lazy");
        if (list && slot) slot.replaceWith(document.importNode(list, true));
      });
    });
    if (lazy.open) lazy.dispatchEvent(new Event("toggle"));
  }
  // Picking a file to upload clears the pasted text so it is clear which one is extracted.
  var file = document.getElementById("file");
  var page = document.getElementById("page");
  if (file && page) {
    file.addEventListener("change", function () { if (file.files.length) page.value = ""; });
  }
  // Flash the quote a link points to.
  function flash() {
    var el = location.hash && document.getElementById(location.hash.slice(1));
    if (el && el.classList.contains("quote")) {
      el.classList.add("flash");
      setTimeout(function () { el.classList.remove("flash"); }, 1600);
    }
  }
  window.addEventListener("hashchange", flash);
  flash();
})();
