// Type-ahead for the search page's facets: as a person types in a facet's "Find" box, its
// datalist is filled with the values of that facet (all of them, not only those listed) that
// hold what was typed, with their counts under the current search, from /api/v1/facets.
// Without this script the box still works: what is typed is added as a filter when sent.
"use strict";

(function () {
  const WAIT_MS = 150;
  const LIMIT = 20;

  function attach(input) {
    const list = document.getElementById(input.getAttribute("list"));
    const dimension = input.dataset.facet;
    const search = input.dataset.search || "";
    let timer = null;
    let asked = null;

    async function fill() {
      const typed = input.value.trim();
      if (typed === asked) return;
      asked = typed;
      const params = new URLSearchParams(search);
      params.set("find", typed);
      params.set("limit", String(LIMIT));
      let answer;
      try {
        const response = await fetch("/api/v1/facets/" + encodeURIComponent(dimension) + "?" + params);
        if (!response.ok) return;
        answer = await response.json();
      } catch (error) {
        return; // offline or refused: the box works as a plain field
      }
      if (asked !== typed) return; // a later keystroke's answer is the one to show
      const options = answer.values.map(function (value) {
        const option = document.createElement("option");
        option.value = value.label;
        option.label = value.label + " (" + value.count.toLocaleString(document.documentElement.lang) + ")";
        return option;
      });
      list.replaceChildren.apply(list, options);
    }

    input.addEventListener("input", function (event) {
      // A value picked from the list (not typed) is added at once, as a facet link would.
      const picked = !event.inputType || event.inputType === "insertReplacementText";
      const known = Array.prototype.some.call(list.options, function (option) {
        return option.value === input.value;
      });
      if (picked && known && input.form) {
        input.form.requestSubmit();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(fill, WAIT_MS);
    });
    input.addEventListener("focus", fill);
  }

  document.querySelectorAll("input[data-facet][list]").forEach(attach);
})();
