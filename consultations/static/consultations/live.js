// Live updates on a consultation page (progressive enhancement).
//
// Opens /ws/consultations/<id>/ (protocol: docs/websockets.md) and, without a reload:
// - puts newly published comments at the top of their thread (proposal or discussion),
//   announced politely to screen readers ("New comment by X");
// - replaces the text of edited comments;
// - marks withdrawn comments, and takes hidden and removed ones off the page;
// - updates reaction counts shown in elements with data-reaction-count;
// - offers a reload when the page itself was republished;
// - resyncs the comment threads (fetches this page and swaps them in) when it has missed
//   messages: a gap in their sequence numbers (`seq`, asked for with ?seq=1), or a
//   reconnection after a drop (docs/websockets.md, "Missed messages").
// Without JavaScript, or if the socket cannot connect, the page works as before and
// shows changes on reload. Strings come translated from the page (json_script), text
// from the server goes in with textContent; only body_html, which the server has
// sanitised, is inserted as HTML.
(function () {
  "use strict";

  var MIN_DELAY = 1000;
  var MAX_DELAY = 30000;
  var STOP_CODES = [4403, 4404]; // not allowed / no such page: do not retry

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function LivePage(root, container) {
    this.root = root;
    this.container = container;
    this.strings = JSON.parse(document.getElementById("live-strings").textContent);
    this.announcer = container.querySelector("[data-live-announcer]");
    this.notice = container.querySelector("[data-live-notice]");
    this.template = container.querySelector("template[data-live-comment-template]");
    this.repliesUrl = container.getAttribute("data-live-replies-url");
    this.path = container.getAttribute("data-live-socket");
    this.delay = MIN_DELAY;
    this.stopped = false;
    this.socket = null;
    this.lastSeq = null;
    this.everConnected = false;
    this.resyncing = false;
    this.resyncAgain = false;
  }

  LivePage.prototype.connect = function () {
    var self = this;
    var scheme = window.location.protocol === "https:" ? "wss" : "ws";
    var url = scheme + "://" + window.location.host + this.path +
      "?seq=1&lang=" + encodeURIComponent(document.documentElement.lang || "");
    var socket;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.addEventListener("open", function () {
      self.delay = MIN_DELAY;
      self.root.setAttribute("data-live-connected", "true");
      self.lastSeq = null;
      if (self.everConnected) {
        self.resync(); // back after a drop: what was sent meanwhile was missed
      }
      self.everConnected = true;
    });
    socket.addEventListener("message", function (message) {
      var parsed;
      try {
        parsed = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      if (parsed && typeof parsed.event === "string") {
        self.handle(parsed.event, parsed.data || {});
        self.checkSequence(parsed.seq);
      }
    });
    socket.addEventListener("close", function (event) {
      self.root.removeAttribute("data-live-connected");
      if (STOP_CODES.indexOf(event.code) !== -1) {
        self.stopped = true;
        return;
      }
      self.retry();
    });
  };

  LivePage.prototype.retry = function () {
    var self = this;
    if (this.stopped) {
      return;
    }
    // Exponential back-off with jitter, so many pages do not reconnect at once.
    var wait = this.delay / 2 + Math.random() * (this.delay / 2);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
    window.setTimeout(function () { self.connect(); }, wait);
  };

  // Messages of one page are numbered 1, 2, 3…; a number skipped means messages were
  // dropped (a slow connection, see docs/websockets.md): fetch the threads again.
  LivePage.prototype.checkSequence = function (seq) {
    if (typeof seq !== "number") {
      return;
    }
    if (this.lastSeq !== null && seq > this.lastSeq + 1) {
      this.resync();
    }
    this.lastSeq = seq;
  };

  // Replace every comment thread on the page by the server's current rendering.
  LivePage.prototype.resync = function () {
    var self = this;
    if (!window.fetch || !window.DOMParser) {
      this.showNotice(this.strings.page_updated);
      return;
    }
    if (this.resyncing) {
      this.resyncAgain = true;
      return;
    }
    this.resyncing = true;
    window.fetch(window.location.pathname + window.location.search, {
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      self.root.querySelectorAll("#discussion, [id^='proposal-']").forEach(function (section) {
        var replacement = fresh.getElementById(section.id);
        if (replacement) {
          section.replaceWith(document.importNode(replacement, true));
        }
      });
      self.root.setAttribute("data-live-resynced", String(Date.now()));
    }).catch(function () {
      self.showNotice(self.strings.page_updated);
    }).then(function () {
      self.resyncing = false;
      if (self.resyncAgain) {
        self.resyncAgain = false;
        self.resync();
      }
    });
  };

  LivePage.prototype.handle = function (event, data) {
    switch (event) {
      case "comment.created":
      case "comment.published":
        this.addComment(data);
        break;
      case "comment.edited":
        this.editComment(data);
        break;
      case "comment.withdrawn":
        this.replaceComment(data, this.strings.withdrawn);
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

  LivePage.prototype.announce = function (text) {
    var announcer = this.announcer;
    // Clear first, so the same sentence twice is still read out.
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 100);
  };

  LivePage.prototype.showNotice = function (text) {
    var notice = this.notice;
    notice.textContent = text + " ";
    var link = document.createElement("a");
    link.href = window.location.pathname + window.location.search;
    link.textContent = this.strings.reload;
    notice.appendChild(link);
    notice.hidden = false;
  };

  LivePage.prototype.thread = function (proposalId) {
    var id = proposalId ? "proposal-" + proposalId : "discussion";
    var section = document.getElementById(id);
    return section && this.root.contains(section) ? section : null;
  };

  LivePage.prototype.buildComment = function (data) {
    var fragment = this.template.content.cloneNode(true);
    var article = fragment.querySelector("article");
    article.id = "comment-" + Number(data.id);
    if (data.language) {
      article.setAttribute("lang", String(data.language));
    }
    article.querySelector(".comment__author").textContent = String(data.author || "");
    var time = article.querySelector("time");
    if (data.created_at) {
      time.setAttribute("datetime", String(data.created_at));
      var date = new Date(data.created_at);
      try {
        time.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
          dateStyle: "medium", timeStyle: "short"
        }).format(date);
      } catch (error) {
        time.textContent = date.toLocaleString();
      }
    }
    var languageName = (this.strings.languages || {})[data.language] || String(data.language || "");
    article.querySelector(".comment__language").textContent =
      format(this.strings.written_in, { language: languageName });
    // body_html was produced by the server's sanitiser (bleach): safe to insert as HTML.
    article.querySelector(".comment__body").innerHTML = String(data.body_html || "");
    var reply = article.querySelector("[data-live-reply-link]");
    reply.href = this.repliesUrl.replace("/0/", "/" + Number(data.id) + "/");
    return article;
  };

  LivePage.prototype.addComment = function (data) {
    if (!data || !data.id) {
      return;
    }
    var existing = document.getElementById("comment-" + Number(data.id));
    if (existing) {
      // Already on the page: the author's own, after posting. Once a moderator approves
      // it, it no longer awaits moderation.
      existing.classList.remove("comment--pending");
      existing.querySelectorAll(".comment__meta .status-badge").forEach(function (badge) {
        badge.remove();
      });
      return;
    }
    if (data.parent_id) {
      this.markNewReply(data);
      return;
    }
    var thread = this.thread(data.proposal_id);
    if (!thread) {
      return;
    }
    var list = thread.querySelector("ol.comment-list");
    if (!list) {
      list = document.createElement("ol");
      list.className = "comment-list";
      list.setAttribute("reversed", "");
      var empty = thread.querySelector(":scope > p.muted");
      if (empty) {
        empty.replaceWith(list);
      } else {
        thread.appendChild(list);
      }
    }
    var item = document.createElement("li");
    item.appendChild(this.buildComment(data));
    list.insertBefore(item, list.firstChild);
    this.announce(format(this.strings.new_comment, { author: data.author || "" }));
  };

  LivePage.prototype.markNewReply = function (data) {
    var parent = document.getElementById("comment-" + Number(data.parent_id));
    if (!parent || !this.root.contains(parent)) {
      return;
    }
    var actions = parent.querySelector(".comment__actions");
    if (actions && !actions.querySelector("[data-live-new-replies]")) {
      var link = document.createElement("a");
      link.href = this.repliesUrl.replace("/0/", "/" + Number(data.parent_id) + "/");
      link.setAttribute("data-live-new-replies", "");
      link.className = "comment__new-replies";
      link.textContent = this.strings.new_replies;
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(link);
    }
    this.announce(format(this.strings.new_reply, { author: data.author || "" }));
  };

  LivePage.prototype.editComment = function (data) {
    var article = document.getElementById("comment-" + Number(data.id));
    if (!article) {
      return;
    }
    var body = article.querySelector(".comment__body");
    if (body) {
      body.innerHTML = String(data.body_html || ""); // sanitised by the server
    }
    var meta = article.querySelector(".comment__meta");
    if (meta && !meta.querySelector(".comment__edited")) {
      var edited = document.createElement("span");
      edited.className = "comment__edited";
      edited.textContent = this.strings.edited;
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(edited);
    }
  };

  LivePage.prototype.replaceComment = function (data, text) {
    var article = document.getElementById("comment-" + Number(data.id));
    if (!article) {
      return;
    }
    article.querySelectorAll(".comment__meta, .comment__body").forEach(function (element) {
      element.remove();
    });
    // Editing or withdrawing is no longer possible; replies stay reachable.
    article.querySelectorAll(".comment__actions a").forEach(function (link) {
      if (/\/(edit|withdraw)\/$/.test(link.getAttribute("href") || "") ||
          link.hasAttribute("data-live-reply-link")) {
        link.remove();
      }
    });
    var placeholder = article.querySelector(".comment__withdrawn");
    if (!placeholder) {
      placeholder = document.createElement("p");
      placeholder.className = "comment__withdrawn muted";
      article.insertBefore(placeholder, article.firstChild);
    }
    placeholder.textContent = text;
    article.setAttribute("data-live-state", "gone");
  };

  // Hidden and removed comments leave the page, as they are absent after a reload.
  LivePage.prototype.removeComment = function (data) {
    var article = document.getElementById("comment-" + Number(data.id));
    if (!article || !this.root.contains(article)) {
      return;
    }
    var item = article.closest("li") || article;
    item.remove();
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
    if (!("WebSocket" in window) || !("content" in document.createElement("template"))) {
      return;
    }
    var root = document.querySelector("[data-live-consultation]");
    var container = root && root.querySelector("[data-live-socket]");
    if (!container || !document.getElementById("live-strings")) {
      return;
    }
    var page = new LivePage(root, container);
    window.addEventListener("pagehide", function () {
      page.stopped = true;
      if (page.socket) {
        page.socket.close();
      }
    });
    // Back/forward cache: a restored page reconnects.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        page.stopped = false;
        page.delay = MIN_DELAY;
        page.connect();
      }
    });
    page.connect();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
