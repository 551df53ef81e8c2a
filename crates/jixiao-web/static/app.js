// jixiao web: small glue, no inline scripts (the server's CSP allows scripts from 'self' only).
(function () {
  "use strict";
  // Errors are recorded so the browser tests can check that pages run cleanly.
  window.__jixiaoErrors = [];
  window.addEventListener("error", function (e) { window.__jixiaoErrors.push(String(e.message)); });
  var consoleError = console.error;
  console.error = function () {
    window.__jixiaoErrors.push(Array.prototype.join.call(arguments, " "));
    return consoleError.apply(console, arguments);
  };

  function drawCharts() {
    if (typeof echarts === "undefined") { return; }
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el.dataset.drawn) { return; }
      var option = JSON.parse(el.getAttribute("data-chart"));
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option);
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  // Upload progress for the bulk import form (htmx fires htmx:xhr:progress).
  document.addEventListener("htmx:xhr:progress", function (evt) {
    var bar = document.getElementById("upload-progress");
    if (bar && evt.detail.lengthComputable) {
      bar.setAttribute("value", String(Math.round(evt.detail.loaded / evt.detail.total * 100)));
    }
  });

  document.addEventListener("DOMContentLoaded", drawCharts);
  document.addEventListener("htmx:afterSettle", drawCharts);
})();
