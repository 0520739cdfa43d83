// Reaction buttons without a page reload (progressive enhancement).
//
// Without JavaScript each reaction form posts and the page comes back at the target.
// With it, the form posts in the background (X-Requested-With: fetch), the server
// answers with the updated buttons (engagement/reactions.html), and they replace the
// old ones. The polite status region stays in place so its message is read out, and
// focus returns to the button that was pressed. Live counts from other people arrive
// through consultations/live.js (data-reaction-count).
(function () {
  "use strict";

  if (window.engageReactionsLoaded) {
    return; // included by more than one template on this page
  }
  window.engageReactionsLoaded = true;

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

  function setStatus(status, fresh) {
    status.className = fresh.className;
    status.textContent = "";
    // Cleared first, so the same sentence twice is still announced.
    window.setTimeout(function () { status.textContent = fresh.textContent; }, 50);
  }

  function swap(container, html, pressedValue) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("[data-reactions]");
    if (!fresh) {
      return false;
    }
    var status = container.querySelector("[data-reactions-status]");
    var freshStatus = fresh.querySelector("[data-reactions-status]");
    Array.prototype.slice.call(container.children).forEach(function (child) {
      if (child !== status) {
        child.remove();
      }
    });
    Array.prototype.slice.call(fresh.children).forEach(function (child) {
      if (child !== freshStatus) {
        container.insertBefore(document.importNode(child, true), status);
      }
    });
    if (status && freshStatus) {
      setStatus(status, freshStatus);
    }
    var again = container.querySelector('button[data-value="' + pressedValue + '"]');
    if (again) {
      again.focus();
    }
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("reactions__form") ||
        !window.fetch || !window.DOMParser) {
      return;
    }
    var container = form.closest("[data-reactions]");
    var submitter = event.submitter || null;
    if (!container) {
      return;
    }
    event.preventDefault();
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    var pressedValue = submitter ? submitter.getAttribute("data-value") : "";
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      if (!swap(container, html, pressedValue)) {
        submitNormally(form, submitter);
      }
    }).catch(function () {
      submitNormally(form, submitter);
    });
  });
})();
