// Engage progressive enhancement. Every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary when a form comes back with errors.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
})();
