// Engage progressive enhancement. Every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary when a form comes back with errors.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });

  // Disclosure menus (<details data-menu>: the site menu, the language menu) open and
  // close with Enter or Space on their own; this adds Escape, and closing the
  // language menu on a click elsewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var menu = event.target.closest && event.target.closest("details[data-menu][open]");
    if (menu && menu.querySelector("summary").offsetParent !== null) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[data-menu][open]").forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.open = false; }
    });
  });

  // Browsers without ::details-content cannot show the closed site menu as a bar on
  // wide screens (engage.css): open it there instead.
  if (window.CSS && !CSS.supports("selector(::details-content)")) {
    var wide = window.matchMedia("(min-width: 60rem)");
    var follow = function () {
      document.querySelectorAll("details[data-site-menu]").forEach(function (menu) {
        menu.open = wide.matches;
      });
    };
    document.addEventListener("DOMContentLoaded", follow);
    wide.addEventListener("change", follow);
  }
})();
