// rapporteur review pages: highlight the item a link or a click points at,
// filter and sort the index. Static code; it reads the page's DOM only.
(function () {
  "use strict";
  var doc = document;

  function refSelector(ref) {
    return '[data-ref="' + (window.CSS && CSS.escape ? CSS.escape(ref) : ref) + '"]';
  }

  // Marks the fragments of the items `refs` in the text and their entries.
  function mark(refs) {
    doc.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    refs.forEach(function (ref) {
      if (!ref) { return; }
      doc.querySelectorAll(".text " + refSelector(ref)).forEach(function (el) { el.classList.add("current"); });
      var item = doc.getElementById("i-" + ref);
      if (item) { item.classList.add("current"); }
    });
  }

  function fromHash() {
    var h = decodeURIComponent(location.hash || "");
    if (h.indexOf("#t-") === 0) { mark([h.slice(3)]); }
  }

  if (doc.body.classList.contains("doc")) {
    doc.addEventListener("click", function (ev) {
      var go = ev.target.closest("a.go");
      if (go) {
        // The link's own navigation scrolls the text to the span.
        var refs = go.getAttribute("data-refs");
        mark(refs ? refs.split(" ") : [go.getAttribute("href").slice(3)]);
        return;
      }
      if (ev.target.closest("a")) { return; }
      var frag = ev.target.closest(".text [data-ref]");
      if (frag) {
        var ref = frag.getAttribute("data-ref");
        var item = doc.getElementById("i-" + ref);
        mark([ref]);
        if (item) { item.scrollIntoView({ block: "nearest" }); }
      }
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }

  var table = doc.getElementById("docs");
  if (!table) { return; }
  var status = doc.getElementById("f-status");
  var code = doc.getElementById("f-code");
  var name = doc.getElementById("f-name");
  var shown = doc.getElementById("f-shown");
  var body = table.tBodies[0];

  function apply() {
    var s = status.value, c = code.value, n = name.value.toLowerCase(), k = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var keep = (!s || r.getAttribute("data-status") === s) &&
        (!c || r.getAttribute("data-codes").indexOf(" " + c + " ") >= 0) &&
        (!n || r.getAttribute("data-file").indexOf(n) >= 0);
      r.hidden = !keep;
      if (keep) { k += 1; }
    });
    shown.textContent = k + " of " + body.rows.length + " shown";
  }
  [status, code, name].forEach(function (el) {
    el.addEventListener("input", apply);
    el.addEventListener("change", apply);
  });
  doc.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });

  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () {
      var asc = !th.classList.contains("asc");
      Array.prototype.forEach.call(heads, function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      var num = th.getAttribute("data-sort") === "num";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent, d;
        if (num) {
          d = (x === "" ? -1 : parseFloat(x)) - (y === "" ? -1 : parseFloat(y));
        } else {
          d = x.localeCompare(y);
        }
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
})();
