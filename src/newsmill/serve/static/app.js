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
