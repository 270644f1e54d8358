// Interactive charts over the statistics tables (issue #18): each figure's table is the page's
// content; where this runs, Vega-Lite draws the same numbers (from the figure's data-chart) with
// hover values and legend toggles, and the PNG/SVG links save what is drawn.
//
// The app's Content-Security-Policy allows no eval: Vega parses its expressions to an AST
// (ast: true) and vega-interpreter evaluates them. vega-embed's own style sheet and the tooltip's
// would be inline <style> elements, which the policy refuses: both are switched off, and
// stats-charts.css styles them instead.
(function () {
  "use strict";
  if (!window.vegaEmbed || !window.vega || !window.vega.expressionInterpreter) return;

  var style = getComputedStyle(document.documentElement);
  function cssColour(name, fallback) {
    var value = style.getPropertyValue(name).trim();
    return value || fallback;
  }

  function spec(data, width) {
    var horizontal = !data.ordered;
    var count = data.measure === "count";
    var narrow = width < 520;
    var valueAxis = count
      ? { title: data.measureLabel, tickMinStep: 1, format: "d" }
      : { title: data.measureLabel, format: ".0%" };
    // Small counts: tickMinStep is a hint the scale may still split (0, 0.5, 1 printed "0 1 1"),
    // so the whole numbers are given outright.
    var peak = largest(data);
    if (count && peak < 10) valueAxis.values = Array.from({ length: Math.ceil(peak) + 1 }, function (_, i) { return i; });
    var valueField = {
      field: "value", type: "quantitative", axis: valueAxis,
      stack: data.layout === "stacked" ? "zero" : null,
    };
    if (data.measure === "accepted") valueField.scale = { domain: [0, 1] };
    var categoryField = {
      field: "category", type: data.ordered ? "ordinal" : "nominal", sort: data.categories,
      title: data.category,
      axis: { labelLimit: narrow ? 110 : 260, labelAngle: 0 },
    };
    var several = data.layout !== "single";
    var colour = {
      field: "series", type: "nominal", sort: data.series,
      scale: { domain: data.series, range: data.colours },
      legend: several ? { title: data.seriesTitle || null, orient: narrow ? "bottom" : "right", direction: narrow ? "horizontal" : "vertical", columns: narrow ? 2 : 1, labelLimit: narrow ? 140 : 220 } : null,
    };
    var format = count ? ",d" : ".1%";
    var encoding = {
      color: colour,
      tooltip: [
        { field: "category", type: "nominal", title: data.category },
      ].concat(several ? [{ field: "series", type: "nominal", title: data.seriesTitle || " " }] : [])
        .concat([{ field: "value", type: "quantitative", title: data.measureLabel, format: format }]),
      opacity: several ? { condition: { param: "pick", value: 1 }, value: 0.15 } : { value: 1 },
    };
    var offset = data.layout === "grouped" ? { field: "series", sort: data.series } : undefined;
    if (horizontal) {
      encoding.y = categoryField;
      encoding.x = valueField;
      if (offset) encoding.yOffset = offset;
    } else {
      encoding.x = categoryField;
      encoding.y = valueField;
      if (offset) encoding.xOffset = offset;
    }
    var per = data.layout === "grouped" ? 12 * data.series.length + 6 : 22;
    return {
      $schema: "https://vega.github.io/schema/vega-lite/v5.json",
      data: { values: data.values },
      mark: { type: "bar", cornerRadiusEnd: 2 },
      params: several ? [{ name: "pick", select: { type: "point", fields: ["series"] }, bind: "legend" }] : [],
      encoding: encoding,
      width: "container",
      height: horizontal ? { step: per } : 260,
      autosize: { type: "fit-x", contains: "padding" },
      config: {
        font: "system-ui, sans-serif",
        view: { stroke: null },
        axis: {
          labelColor: cssColour("--ink", "#1b1b1b"), titleColor: cssColour("--muted", "#555"),
          gridColor: cssColour("--line", "#d0d7de"), domainColor: "#999", tickColor: "#999",
          labelFontSize: 12, titleFontSize: 12,
        },
        legend: { labelColor: cssColour("--ink", "#1b1b1b"), titleColor: cssColour("--muted", "#555"), labelFontSize: 12, symbolType: "square" },
      },
    };
  }

  // The longest bar: a category's sum where bars stack, else the largest value.
  function largest(data) {
    var sums = {};
    var peak = 0;
    data.values.forEach(function (v) {
      var key = data.layout === "stacked" ? v.category : v.category + "\u0000" + v.series;
      sums[key] = (sums[key] || 0) + v.value;
      peak = Math.max(peak, sums[key]);
    });
    return peak;
  }

  function save(view, format, name, link) {
    view.toImageURL(format, format === "png" ? 2 : 1).then(function (url) {
      var a = document.createElement("a");
      a.href = url;
      a.download = name + "." + format;
      document.body.appendChild(a);
      a.click();
      a.remove();
    }).catch(function () { window.location.href = link.href; });
  }

  // The page language's separators (from the server's CLDR data, as the tables' numbers).
  var form = document.querySelector("form.builder[data-number-format]");
  var numbers = form ? JSON.parse(form.getAttribute("data-number-format")) : null;

  document.querySelectorAll(".chart-view[data-chart]").forEach(function (holder) {
    var data = JSON.parse(holder.getAttribute("data-chart"));
    var figure = holder.closest("figure");
    var options = {
      actions: false,
      renderer: "svg",
      ast: true,
      expr: window.vega.expressionInterpreter,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true, theme: "custom" },
    };
    if (numbers) options.formatLocale = numbers;
    window.vegaEmbed(holder, spec(data, holder.clientWidth || figure.clientWidth), options).then(function (result) {
      holder.classList.add("drawn");
      holder.setAttribute("role", "img");
      holder.setAttribute("aria-label", data.title);
      figure.querySelectorAll("a[data-export]").forEach(function (link) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          save(result.view, link.getAttribute("data-export"), data.name, link);
        });
      });
    }).catch(function (error) {
      holder.textContent = "";
      if (window.console) window.console.error(error);
    });
  });
})();
