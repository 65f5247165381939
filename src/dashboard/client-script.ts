// The dashboard's only hand-written browser code: charts from data attributes (uPlot) and keys for the approvals queue.
// Served as /ui/assets/dashboard.js; kept as text here so the build needs no bundler and no internet.
export const clientScript = String.raw`
(function () {
  "use strict";
  function drawCharts(root) {
    if (typeof uPlot === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) return;
      var spec = JSON.parse(el.dataset.chart);
      var palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];
      var series = [{ label: spec.xLabel || "x" }].concat(spec.series.map(function (s, i) {
        return { label: s.label, stroke: palette[i % palette.length], width: 2, fill: s.fill ? palette[i % palette.length] + "33" : undefined, points: { show: true } };
      }));
      var axes = [{ label: spec.xLabel || "" }, { label: spec.yLabel || "" }];
      if (spec.categories) axes[0].values = function (u, splits) { return splits.map(function (v) { return spec.categories[v] || ""; }); };
      if (spec.categories) axes[0].splits = function () { return spec.categories.map(function (_, i) { return i; }); };
      var opts = { title: spec.title, width: Math.min(el.clientWidth || 900, 1100), height: spec.height || 280, series: series, axes: axes, scales: { x: { time: !!spec.time } } };
      new uPlot(opts, spec.data, el);
      el.dataset.drawn = "1";
      el.setAttribute("data-chart-ready", "true");
    });
  }
  function approvals() { return Array.prototype.slice.call(document.querySelectorAll(".approval")); }
  function onKey(event) {
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) return;
    var list = approvals();
    if (list.length === 0) return;
    var current = list.indexOf(document.activeElement && document.activeElement.closest ? document.activeElement.closest(".approval") : null);
    if (event.key === "j" || event.key === "ArrowDown") { event.preventDefault(); list[Math.min(current + 1, list.length - 1)].focus(); }
    else if (event.key === "k" || event.key === "ArrowUp") { event.preventDefault(); list[Math.max(current - 1, 0)].focus(); }
    else if (event.key === "a" && current >= 0) { event.preventDefault(); var approve = list[current].querySelector("button[data-decide=approve]"); if (approve) approve.focus(); }
    else if (event.key === "d" && current >= 0) { event.preventDefault(); var reason = list[current].querySelector("input[name=reason][data-for=deny]"); if (reason) reason.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:after:swap", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSwap", function () { drawCharts(document); });
  document.addEventListener("keydown", onKey);
})();
`;
