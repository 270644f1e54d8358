// RightsTrack's only page script: an improvement, never a need (every page works without it).
// Loaded in <head>, so the "js" class is on <html> before the first paint and the phone layout
// can place the filters drawer above the results without a jump.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var phone = window.matchMedia("(max-width: 50rem)");

  // The filters drawer is open in the HTML (filters reachable without a script). On a phone it
  // closes, so the results fill the screen; on a wide screen it stays open beside them.
  function fitDrawers() {
    var drawers = document.querySelectorAll("details.filters-drawer");
    for (var i = 0; i < drawers.length; i++) {
      drawers[i].open = !phone.matches;
    }
  }

  // On a phone a wide table scrolls within itself (style.css): one that does gets a place in
  // the Tab order, so that a keyboard can scroll it as a finger can.
  function markScrollingTables() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("data-scrolls", "");
      } else if (!scrolls && table.hasAttribute("data-scrolls")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-scrolls");
      }
    }
  }

  function fit() {
    fitDrawers();
    markScrollingTables();
  }

  document.addEventListener("DOMContentLoaded", fit);
  if (phone.addEventListener) {
    phone.addEventListener("change", fit);
  }
  window.addEventListener("resize", markScrollingTables);
})();
