// Moderation queue enhancements (the page works without them):
// "x" ticks the focused row's checkbox, "j"/"k" move between rows' checkboxes.
(function () {
  "use strict";
  const boxes = Array.from(document.querySelectorAll("[data-queue-checkbox]"));
  if (!boxes.length) return;
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (target.matches("input[type=text], textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    const index = boxes.indexOf(target);
    if (event.key === "j" || event.key === "k") {
      const next = index === -1 ? 0 : index + (event.key === "j" ? 1 : -1);
      if (boxes[next]) { boxes[next].focus(); event.preventDefault(); }
    } else if (event.key === "x" && index !== -1) {
      target.checked = !target.checked;
      event.preventDefault();
    }
  });
})();
