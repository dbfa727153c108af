(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("inventory-data").textContent);

  function svg(name, attrs, text) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Calls and denials per endpoint: one stacked bar each, the busiest first.
  function drawChart() {
    var host = document.getElementById("chart");
    var rows = data.endpoints.slice().sort(function (a, b) { return b.calls - a.calls; }).slice(0, data.chartMax);
    if (rows.length === 0) {
      host.textContent = "No endpoint recorded yet.";
      return;
    }
    var max = Math.max.apply(null, rows.map(function (r) { return r.served + r.denied; }).concat([1]));
    var labelWidth = 360, barWidth = 520, rowHeight = 24, top = 4;
    var width = labelWidth + barWidth + 80, height = top + rows.length * rowHeight + 4;
    var root = svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, "class": "chart" });
    rows.forEach(function (r, i) {
      var y = top + i * rowHeight;
      var g = svg("g", { "class": "row", "data-key": r.key });
      var label = r.key.length > 48 ? r.key.slice(0, 47) + "\u2026" : r.key;
      g.appendChild(svg("text", { x: labelWidth - 8, y: y + 15, "text-anchor": "end", "class": "label" }, label));
      var served = Math.round(barWidth * r.served / max), denied = Math.round(barWidth * r.denied / max);
      var bar = svg("rect", { x: labelWidth, y: y + 4, width: Math.max(served, r.served > 0 ? 1 : 0), height: rowHeight - 8,
                              "class": "bar-served" });
      bar.appendChild(svg("title", {}, r.key + ": " + r.served + " served"));
      g.appendChild(bar);
      var refused = svg("rect", { x: labelWidth + served, y: y + 4, width: Math.max(denied, r.denied > 0 ? 1 : 0),
                                  height: rowHeight - 8, "class": "bar-denied" });
      refused.appendChild(svg("title", {}, r.key + ": " + r.denied + " denied"));
      g.appendChild(refused);
      g.appendChild(svg("text", { x: labelWidth + served + denied + 6, y: y + 15, "class": "count" },
                        r.served + (r.denied ? " + " + r.denied + " denied" : "")));
      root.appendChild(g);
    });
    host.appendChild(root);
    host.setAttribute("data-rendered", String(rows.length));
  }

  // Click a column heading to sort by it; again to reverse.
  function sortable(table) {
    var heads = table.querySelectorAll("th.sortable");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("sorted-asc");
        heads.forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(asc ? "sorted-asc" : "sorted-desc");
        var numeric = th.getAttribute("data-type") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-v") || a.cells[col].textContent;
          var y = b.cells[col].getAttribute("data-v") || b.cells[col].textContent;
          var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function filters() {
    var text = document.getElementById("filter");
    var shadowOnly = document.getElementById("shadow-only");
    var rows = document.querySelectorAll("#endpoints tbody tr");
    function apply() {
      var q = text.value.trim().toLowerCase();
      rows.forEach(function (r) {
        var show = (!q || r.textContent.toLowerCase().indexOf(q) >= 0)
          && (!shadowOnly.checked || r.getAttribute("data-shadow") === "true");
        r.classList.toggle("hidden", !show);
      });
    }
    text.addEventListener("input", apply);
    shadowOnly.addEventListener("change", apply);
  }

  drawChart();
  sortable(document.getElementById("endpoints"));
  filters();
})();
