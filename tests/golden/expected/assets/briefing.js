/* Briefing theme: pressing "/" focuses the search box (the search page's own box, else the header's).
   Progressive enhancement only: every page works without this script. */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable) return true;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select";
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (isTyping(event.target)) return;
    var input = document.getElementById("search-input") || document.getElementById("site-search");
    if (!input) return;
    event.preventDefault();
    input.focus();
    if (typeof input.select === "function") input.select();
  });
})();
