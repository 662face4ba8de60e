/* Moderation queue: single-key shortcuts on top of ordinary buttons.
 * j/k: next/previous comment, x: mark, a: approve, r: reject, s: spam, e: edit. */
(function () {
  "use strict";
  var queue = document.querySelector("[data-cm-queue]");
  if (!queue) return;
  var rows = Array.prototype.slice.call(queue.querySelectorAll("[data-cm-row]"));
  var selectAll = queue.querySelector("[data-cm-select-all]");

  if (selectAll) {
    selectAll.addEventListener("change", function () {
      queue.querySelectorAll("[data-cm-select]").forEach(function (box) {
        box.checked = selectAll.checked;
      });
    });
  }

  function currentIndex() {
    var active = document.activeElement;
    for (var i = 0; i < rows.length; i++) {
      if (rows[i] === active || rows[i].contains(active)) return i;
    }
    return -1;
  }

  function focusRow(index) {
    if (index < 0 || index >= rows.length) return;
    rows.forEach(function (row) { row.classList.remove("cm-row--current"); });
    rows[index].classList.add("cm-row--current");
    rows[index].focus();
  }

  queue.setAttribute("data-cm-keys-ready", "");
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest("input[type=text], textarea, select, [contenteditable]")) return;
    var index = currentIndex();
    var row = index >= 0 ? rows[index] : null;
    var key = event.key;
    if (key === "j") { focusRow(index + 1); event.preventDefault(); return; }
    if (key === "k") { focusRow(Math.max(index - 1, 0)); event.preventDefault(); return; }
    if (!row) return;
    if (key === "x") {
      var box = row.querySelector("[data-cm-select]");
      box.checked = !box.checked;
      event.preventDefault();
      return;
    }
    var action = { a: "approve", r: "reject", s: "spam", e: "edit" }[key];
    if (!action) return;
    var control = row.querySelector('[data-cm-action="' + action + '"]');
    if (control) { event.preventDefault(); control.click(); }
  });
})();
