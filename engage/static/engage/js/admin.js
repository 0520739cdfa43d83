// Engage additions to the Wagtail admin.
//
// The admin's Content-Security-Policy runs no inline script, so the widgets Wagtail
// starts with one (date and time pickers, InlinePanel, MultipleChooserPanel, choosers) are
// rendered with data- attributes instead (engage/templates/wagtailadmin/) and started
// here: once the page is parsed, and again whenever the admin inserts new forms (an
// InlinePanel's "Add" button, modals).
(function () {
  "use strict";

  var PICKERS = {
    date: "initDateChooser",
    time: "initTimeChooser",
    datetime: "initDateTimeChooser",
  };

  function each(root, selector, callback) {
    var found = root.querySelectorAll ? Array.prototype.slice.call(root.querySelectorAll(selector)) : [];
    if (root.matches && root.matches(selector)) { found.unshift(root); }
    found.forEach(function (element) {
      if (element.hasAttribute("data-engage-started")) { return; }
      element.setAttribute("data-engage-started", "");
      callback(element);
    });
  }

  function start(root) {
    each(root, "[data-engage-chooser]", function (element) {
      var init = window[PICKERS[element.getAttribute("data-engage-chooser")]];
      if (typeof init === "function") {
        init(element.getAttribute("data-engage-target"), JSON.parse(element.getAttribute("data-engage-config")));
      }
    });
    // Choosers (engage/admin_widgets.py): the constructor Wagtail would call inline.
    each(root, "[data-engage-widget]", function (element) {
      var Widget = window[element.getAttribute("data-engage-widget")];
      if (typeof Widget === "function") {
        new Widget(element.getAttribute("data-engage-target"), JSON.parse(element.getAttribute("data-engage-config")));
      }
    });
    each(root, "[data-engage-inline-panel]", function (element) {
      new window.InlinePanel(JSON.parse(element.getAttribute("data-engage-inline-panel")));
    });
    each(root, "[data-engage-multiple-chooser-panel]", function (element) {
      new window.MultipleChooserPanel(JSON.parse(element.getAttribute("data-engage-multiple-chooser-panel")));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    start(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) { start(node); }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
