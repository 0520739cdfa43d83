// Live updates on a forum thread page (/ws/forums/threads/<id>/, docs/websockets.md).
// The socket, back-off, missed-message resync and the polite live region are the shared
// client's (engage/static/engage/js/live-socket.js, loaded first). Whatever changes —
// a post is added, edited, withdrawn or taken down, a fact-check is published, revised
// or moderated, the claim's verdict changes, the thread is locked, pinned or slowed
// down — this page fetches itself again and swaps in the server's rendering of the
// parts that can change (the reply form only when it comes or goes), then announces
// what happened.
// No markup is built here, so names and text are shown exactly as on a reload.
// Without this file the page works as it is, and shows every change on reload.
// Translated sentences come from data-text-* attributes.
(function () {
  "use strict";

  // The parts of the page a live event can change (ids, or the one header).
  var PARTS = [".thread__header", "#verdict", "#opening", "#fact-checks", "#posts", "[data-empty-posts]"];

  function text(root, name, values) {
    return window.EngageLive.format(root.getAttribute("data-text-" + name) || "", values);
  }

  // thread.updated names the settings that changed: say what each now is.
  function settingsSentence(root, data) {
    var changed = data.changed || [];
    var parts = [];
    if (changed.indexOf("is_locked") !== -1) {
      parts.push(text(root, data.is_locked ? "locked" : "unlocked"));
    }
    if (changed.indexOf("is_pinned") !== -1) {
      parts.push(text(root, data.is_pinned ? "pinned" : "unpinned"));
    }
    if (changed.indexOf("slow_mode_minutes") !== -1) {
      parts.push(text(root, data.slow_mode_minutes ? "slow-mode-on" : "slow-mode-off"));
    }
    return parts.length ? parts.join(" ") : text(root, "thread-changed");
  }

  // event → the sentence to announce once the page shows the change.
  function sentence(root, event, data) {
    switch (event) {
      case "post.created":
      case "post.restored":
        return text(root, "new-post", { author: data.author || "" });
      case "post.edited":
        return text(root, "edited");
      case "post.withdrawn":
        return text(root, "withdrawn");
      case "post.hidden":
      case "post.removed":
        return text(root, "post-gone");
      case "factcheck.published":
        // A later revision of a published fact-check: an update, not a new one.
        return text(root, data.revision > 1 ? "fact-check-updated" : "fact-check",
          { verdict: data.verdict_label || "" });
      case "factcheck.hidden":
      case "factcheck.removed":
      case "factcheck.restored":
      case "factcheck.edited":
        return text(root, "fact-checks-changed");
      case "thread.verdict":
        return data.verdict ? text(root, "verdict", { verdict: data.verdict_label || "" })
          : text(root, "no-verdict");
      case "thread.updated":
        return settingsSentence(root, data);
      case "thread.edited":
        return text(root, "opening-changed");
      case "thread.withdrawn":
      case "thread.restored":
      case "page.updated":
        return text(root, "thread-changed");
      default:
        return null;
    }
  }

  function ThreadPage(root) {
    this.root = root;
    this.busy = false;
    this.again = null;
    this.publishedVerdict = null; // the verdict of the fact-check just published
  }

  ThreadPage.prototype.notice = function (message) {
    var box = this.root.querySelector("[data-live-notice]");
    if (!box) { return; }
    box.textContent = "";
    var paragraph = document.createElement("p");
    paragraph.textContent = message + " ";
    var link = document.createElement("a");
    link.href = window.location.pathname + window.location.search;
    link.textContent = text(this.root, "reload");
    paragraph.appendChild(link);
    box.appendChild(paragraph);
  };

  // Fetch the page and swap its changing parts in; then announce `message` (if any).
  ThreadPage.prototype.refresh = function (message) {
    var self = this;
    var root = this.root;
    if (this.busy) {
      this.again = { message: message || (this.again && this.again.message) };
      return;
    }
    this.busy = true;
    window.EngageLive.refetch().then(function (fresh) {
      var freshEmpty = fresh.querySelector("[data-empty-posts]");
      var list = root.querySelector("#posts");
      window.EngageLive.swap(root, fresh, PARTS);
      if (freshEmpty && !root.querySelector("[data-empty-posts]") && list) {
        root.querySelector("#posts").after(document.importNode(freshEmpty, true));
      }
      // The reply section (below the article) only when its form comes or goes (the
      // thread was locked or unlocked), so a reply being written is never lost.
      var reply = document.getElementById("reply");
      var freshReply = fresh.getElementById("reply");
      if (reply && freshReply && !reply.querySelector("form") !== !freshReply.querySelector("form")) {
        reply.replaceWith(document.importNode(freshReply, true));
      }
      root.setAttribute("data-live-resynced", String(Date.now()));
      if (message) {
        window.EngageLive.announce(root.querySelector("[data-live-announcer]"), message);
      }
    }).catch(function () {
      // Gone (hidden or removed thread), or offline: say so, offer a reload.
      self.notice(text(root, "reconnected"));
    }).then(function () {
      self.busy = false;
      if (self.again) {
        var next = self.again;
        self.again = null;
        self.refresh(next.message);
      }
    });
  };

  function start() {
    var root = document.querySelector("[data-thread-live]");
    if (!root || !window.EngageLive) { return; }
    var page = new ThreadPage(root);
    window.EngageLive.open({
      root: root,
      path: "/ws/forums/threads/" + encodeURIComponent(root.getAttribute("data-thread-live")) + "/",
      onEvent: function (event, data) {
        if (event === "thread.hidden" || event === "thread.removed") {
          page.notice(text(root, "thread-gone"));
          return;
        }
        // A publication says its verdict; the thread.verdict that follows it for the
        // same verdict is already shown and said.
        var published = page.publishedVerdict;
        page.publishedVerdict = event === "factcheck.published" ? data.verdict : null;
        if (event === "thread.verdict" && published && data.verdict === published) {
          return;
        }
        var message = sentence(root, event, data);
        if (message !== null) {
          page.refresh(message);
        }
      },
      resync: function () { page.refresh(null); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
