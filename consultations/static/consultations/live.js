// Live updates on a consultation page (progressive enhancement).
//
// The socket (/ws/consultations/<id>/, docs/websockets.md), back-off, missed-message
// resync and the polite live region are the shared client's
// (engage/static/engage/js/live-socket.js, loaded first). This module decides what each
// event changes, and takes every piece of markup from the server: it fetches this page
// again and moves the server's rendering of the new or changed comment into place (so
// names go through the person_name filter and permissions are checked as on a reload):
// - newly published comments go to the top of their thread (proposal or discussion),
//   announced politely ("New comment by X"); a new reply updates its parent's replies
//   link; edited and withdrawn comments are replaced by their new rendering;
// - hidden and removed comments leave the page;
// - reaction counts shown in elements with data-reaction-count are updated;
// - a republished page offers a reload;
// - after missed messages (a gap in `seq`, or a reconnection) the comment lists resync.
// Without JavaScript, or if the socket cannot connect, the page works as before and
// shows changes on reload. Strings come translated from the page (json_script).
(function () {
  "use strict";

  function LivePage(root, container) {
    this.root = root;
    this.container = container;
    this.strings = JSON.parse(document.getElementById("live-strings").textContent);
    this.announcer = container.querySelector("[data-live-announcer]");
    this.notice = container.querySelector("[data-live-notice]");
    this.queue = Promise.resolve();
  }

  LivePage.prototype.showNotice = function (text) {
    var notice = this.notice;
    notice.textContent = text + " ";
    var link = document.createElement("a");
    link.href = window.location.pathname + window.location.search;
    link.textContent = this.strings.reload;
    notice.appendChild(link);
    notice.hidden = false;
  };

  // Run `apply(freshDocument)` on a new fetch of this page, one fetch at a time and in
  // the order of the events; a failed fetch offers a reload instead.
  LivePage.prototype.withFreshPage = function (apply) {
    var self = this;
    this.queue = this.queue.then(function () {
      return window.EngageLive.refetch().then(apply).catch(function () {
        self.showNotice(self.strings.page_updated);
      });
    });
  };

  LivePage.prototype.mine = function (id) {
    var element = document.getElementById(id);
    return element && this.root.contains(element) ? element : null;
  };

  // Put the server's rendering of comment `id` in place of the one on the page.
  LivePage.prototype.replaceFromServer = function (id) {
    var self = this;
    this.withFreshPage(function (fresh) {
      var current = self.mine("comment-" + Number(id));
      var replacement = fresh.getElementById("comment-" + Number(id));
      if (!current) {
        return;
      }
      if (replacement) {
        current.replaceWith(document.importNode(replacement, true));
      } else {
        (current.closest("li") || current).remove();
      }
    });
  };

  LivePage.prototype.resync = function () {
    var self = this;
    this.withFreshPage(function (fresh) {
      self.root.querySelectorAll("#discussion, [id^='proposal-']").forEach(function (section) {
        var freshSection = fresh.getElementById(section.id);
        if (freshSection) {
          self.swapList(section, freshSection);
        }
      });
      self.root.setAttribute("data-live-resynced", String(Date.now()));
    });
  };

  // Replace the comment list (or its empty state) of a thread by the fresh one, leaving
  // the rest of the section (a comment form being written) alone.
  LivePage.prototype.swapList = function (section, freshSection) {
    var freshList = freshSection.querySelector("ol.comment-list");
    var list = section.querySelector("ol.comment-list");
    var empty = section.querySelector(":scope > p.muted");
    if (freshList) {
      var imported = document.importNode(freshList, true);
      if (list) {
        list.replaceWith(imported);
      } else if (empty) {
        empty.replaceWith(imported);
      } else {
        section.appendChild(imported);
      }
    } else if (list) {
      var freshEmpty = freshSection.querySelector(":scope > p.muted");
      list.replaceWith(freshEmpty ? document.importNode(freshEmpty, true) : document.createTextNode(""));
    }
  };

  LivePage.prototype.handle = function (event, data) {
    switch (event) {
      case "comment.created":
      case "comment.published":
        this.addComment(data);
        break;
      case "comment.edited":
      case "comment.withdrawn":
        this.replaceFromServer(data.id);
        break;
      case "comment.hidden":
      case "comment.removed":
        this.removeComment(data);
        break;
      case "reaction.counts":
        this.updateReactions(data);
        break;
      case "page.updated":
        this.showNotice(this.strings.page_updated);
        break;
      default:
        break;
    }
  };

  LivePage.prototype.addComment = function (data) {
    var self = this;
    if (!data || !data.id) {
      return;
    }
    var id = Number(data.id);
    if (this.mine("comment-" + id)) {
      // Already on the page (the author's own, after posting): once approved it no
      // longer awaits moderation, as the server's rendering shows.
      this.replaceFromServer(id);
      return;
    }
    if (data.parent_id) {
      // A reply: its parent's rendering now links to one more reply.
      if (this.mine("comment-" + Number(data.parent_id))) {
        this.replaceFromServer(data.parent_id);
        window.EngageLive.announce(this.announcer,
          window.EngageLive.format(this.strings.new_reply, { author: data.author || "" }));
      }
      return;
    }
    var sectionId = data.proposal_id ? "proposal-" + Number(data.proposal_id) : "discussion";
    this.withFreshPage(function (fresh) {
      var section = self.mine(sectionId);
      var freshSection = fresh.getElementById(sectionId);
      var article = fresh.getElementById("comment-" + id);
      if (!section || !freshSection || !article || self.mine("comment-" + id)) {
        return;
      }
      var list = section.querySelector("ol.comment-list");
      var item = article.closest("li");
      if (list && item) {
        list.insertBefore(document.importNode(item, true), list.firstChild);
      } else {
        self.swapList(section, freshSection);
      }
      window.EngageLive.announce(self.announcer,
        window.EngageLive.format(self.strings.new_comment, { author: data.author || "" }));
    });
  };

  // Hidden and removed comments leave the page, as they are absent after a reload.
  LivePage.prototype.removeComment = function (data) {
    var article = this.mine("comment-" + Number(data.id));
    if (article) {
      (article.closest("li") || article).remove();
    }
  };

  // reaction.counts: {"target": "comment", "id": 7, "proposal_id": null, "comment_id": 7,
  //                   "counts": {"support": 4, "oppose": 1, "unsure": 0}}
  // updates <span data-reaction-count data-reaction-target="proposal:3"
  //               data-reaction-value="support">4</span> (or comment:7 / consultation:<id>).
  LivePage.prototype.updateReactions = function (data) {
    var target;
    if (data.comment_id) {
      target = "comment:" + Number(data.comment_id);
    } else if (data.proposal_id) {
      target = "proposal:" + Number(data.proposal_id);
    } else {
      target = "consultation:" + Number(this.root.getAttribute("data-live-consultation"));
    }
    var counts = data.counts || {};
    var root = this.root;
    Object.keys(counts).forEach(function (value) {
      root.querySelectorAll("[data-reaction-count]").forEach(function (element) {
        if (element.getAttribute("data-reaction-target") === target &&
            element.getAttribute("data-reaction-value") === value) {
          element.textContent = String(Number(counts[value]) || 0);
        }
      });
    });
  };

  function start() {
    if (!window.EngageLive) {
      return;
    }
    var root = document.querySelector("[data-live-consultation]");
    var container = root && root.querySelector("[data-live-socket]");
    if (!container || !document.getElementById("live-strings")) {
      return;
    }
    var page = new LivePage(root, container);
    window.EngageLive.open({
      root: root,
      path: container.getAttribute("data-live-socket"),
      onEvent: function (event, data) { page.handle(event, data); },
      resync: function () { page.resync(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
