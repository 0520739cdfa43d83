// Automatic translations of resident content (engage.machine_translation).
// Asks the endpoint for texts marked data-mt-src and puts the answer in place; when the
// reader opens "show original" (a <details>, which works without this script), hides
// the translation so that the original shows in its place, and announces each change
// in the wrapper's live region. Included once per wrapper: it runs once.
(function () {
  "use strict";
  if (window.engageMachineTranslation) return;
  window.engageMachineTranslation = true;

  function announce(box, text) {
    var status = box.querySelector("[data-mt-status]");
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text || ""; }, 50);
  }

  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.matches || !details.matches("[data-mt-details]")) return;
    var box = details.closest("[data-machine-translation]");
    var translated = box ? box.querySelector("[data-mt-translated]") : null;
    if (!translated) return;
    translated.hidden = details.open;
    var summary = details.querySelector("[data-mt-summary]");
    if (summary) {
      summary.textContent = details.open ? box.dataset.mtLabelTranslation : box.dataset.mtLabelOriginal;
    }
    announce(box, details.open ? box.dataset.mtAnnounceOriginal : box.dataset.mtAnnounceTranslation);
  }, true);

  function load(box) {
    var url = box.getAttribute("data-mt-src");
    if (!url) return;
    box.removeAttribute("data-mt-src");
    window.fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.status === 200 ? response.text() : null; })
      .then(function (html) {
        var original = box.querySelector("[data-mt-original]");
        if (!html || !original) return;
        var holder = document.createElement("div");
        holder.innerHTML = html; // the endpoint's own fragment; the text is escaped there
        var details = holder.querySelector("[data-mt-details]");
        if (!details) return;
        var status = box.querySelector("[data-mt-status]");
        while (holder.firstChild) box.insertBefore(holder.firstChild, status);
        details.appendChild(original);
      })
      .catch(function () { /* the original stays */ });
  }

  function scan(root) {
    if (root.matches && root.matches("[data-mt-src]")) load(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-mt-src]").forEach(load);
  }

  function start() {
    scan(document);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(function (node) { if (node.nodeType === 1) scan(node); });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
