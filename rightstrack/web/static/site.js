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

  document.addEventListener("DOMContentLoaded", fitDrawers);
  if (phone.addEventListener) {
    phone.addEventListener("change", fitDrawers);
  }
})();
