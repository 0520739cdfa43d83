// The live opinion map (opinions/map.html; docs/websockets.md, "Opinion maps").
// On "map.updated" (a recomputation stored a new snapshot) it fetches the server's
// rendering of the map's live part (data-live-fragment) and puts it in place; after a
// missed message or a reconnection it does the same. The markup is always the server's.
(function () {
  "use strict";

  var root = document.querySelector("[data-live-socket][data-live-fragment]");
  if (!root || !window.EngageLive) {
    return;
  }
  var status = root.querySelector("[data-live-status]");
  var pending = null;

  function refresh(announce) {
    if (pending || !window.fetch || !window.DOMParser) {
      return;
    }
    pending = window.fetch(root.getAttribute("data-live-fragment"), {
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      // Keep the reader's place: a focused group link is focused again after the swap.
      var focused = document.activeElement && root.contains(document.activeElement) ?
        document.activeElement.getAttribute("href") : null;
      window.EngageLive.swap(root, fresh, ["#opinion-map-body"]);
      if (focused) {
        var again = root.querySelector('a[href="' + focused + '"]');
        if (again) {
          again.focus();
        }
      }
      root.setAttribute("data-live-refreshed", String(Date.now()));
      if (announce) {
        window.EngageLive.announce(status, root.getAttribute("data-live-updated-text"));
      }
    }).catch(function () {
      // The map stays as it was; the next update or a reload shows the new one.
    }).then(function () {
      pending = null;
    });
  }

  window.EngageLive.open({
    root: root,
    path: root.getAttribute("data-live-socket"),
    resync: function () { refresh(false); },
    onEvent: function (event) {
      if (event === "map.updated") {
        refresh(true);
      }
    }
  });
})();
