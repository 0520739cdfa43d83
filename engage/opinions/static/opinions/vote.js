// Voting on an opinion map without a page reload (progressive enhancement).
//
// Without JavaScript each vote button posts its form and the page comes back with the
// next statement. With it, the form is posted in the background (X-Requested-With:
// fetch); the server answers with the vote card (opinions/includes/vote_card.html),
// which replaces the old one. Focus moves to the new statement's text, and the polite
// status region outside the card announces that the vote was saved. Any failure falls
// back to the ordinary form post.
(function () {
  "use strict";

  function submitNormally(form, submitter) {
    if (submitter && submitter.name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = submitter.name;
      input.value = submitter.value;
      form.appendChild(input);
    }
    HTMLFormElement.prototype.submit.call(form);
  }

  function announce(text) {
    var status = document.querySelector("[data-vote-status]");
    if (!status || !text) {
      return;
    }
    status.textContent = "";
    // Cleared first, so the same sentence twice is still announced.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function swap(card, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("[data-vote-card]");
    if (!fresh) {
      return false;
    }
    var imported = document.importNode(fresh, true);
    card.replaceWith(imported);
    var target = imported.querySelector("#statement-text") ||
      imported.querySelector("[role=alert]") ||
      imported.querySelector("h2");
    if (target) {
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
    announce(imported.getAttribute("data-announcement"));
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-vote-form") ||
        !window.fetch || !window.DOMParser) {
      return;
    }
    var card = form.closest("[data-vote-card]");
    if (!card) {
      return;
    }
    var submitter = event.submitter || null;
    event.preventDefault();
    if (card.getAttribute("aria-busy") === "true") {
      return; // a vote is already on its way
    }
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    card.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      if (!swap(card, html)) {
        submitNormally(form, submitter);
      }
    }).catch(function () {
      submitNormally(form, submitter);
    });
  });
})();
