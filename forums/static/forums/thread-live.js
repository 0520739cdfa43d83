// Live updates on a forum thread page (/ws/forums/threads/<id>/, see docs/websockets.md).
// New posts are added to the list and announced through an aria-live region; edited,
// withdrawn, hidden and removed posts change in place; new fact-checks and changed
// thread settings offer a reload. Without this file the page works as it is, and shows
// every change on reload. Translated sentences come from data-text-* attributes.
(function () {
  "use strict";

  // 4503: the channel layer is unavailable for now (1011 kept for older servers).
  var RETRY_CODES = { 1006: true, 1011: true, 1001: true, 4503: true };
  var MAX_DELAY = 30000;

  function text(root, name, values) {
    var sentence = root.getAttribute("data-text-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      sentence = sentence.split("{" + key + "}").join(values[key]);
    });
    return sentence;
  }

  function announce(root, sentence) {
    var region = root.querySelector("[data-live-announcer]");
    if (!region) { return; }
    // Clearing first makes screen readers read a repeated sentence again.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = sentence; }, 50);
  }

  function notice(root, sentence) {
    var box = root.querySelector("[data-live-notice]");
    if (!box) { return; }
    box.textContent = "";
    var paragraph = document.createElement("p");
    paragraph.textContent = sentence + " ";
    var link = document.createElement("a");
    link.href = window.location.pathname + window.location.search;
    link.textContent = text(root, "reload");
    paragraph.appendChild(link);
    box.appendChild(paragraph);
  }

  function findPost(root, id) {
    return root.querySelector('[data-post-id="' + String(Number(id)) + '"]');
  }

  function buildPost(root, data) {
    var article = document.createElement("article");
    article.className = "post post--new";
    article.id = "post-" + Number(data.id);
    article.setAttribute("data-post-id", String(Number(data.id)));
    article.setAttribute("lang", data.language || "");
    var meta = document.createElement("p");
    meta.className = "post__meta";
    var author = document.createElement("strong");
    author.className = "post__author";
    author.textContent = data.author || "";
    meta.appendChild(author);
    var when = document.createElement("time");
    when.setAttribute("datetime", data.created_at || "");
    when.textContent = data.created_at ? new Date(data.created_at).toLocaleString(root.getAttribute("data-lang") || undefined) : "";
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(when);
    article.appendChild(meta);
    var body = document.createElement("div");
    body.className = "post__body";
    // body_html has been through the server's sanitiser (engage.moderation.sanitise).
    body.innerHTML = data.body_html || "";
    article.appendChild(body);
    return article;
  }

  function replaceWithNote(root, id, sentence) {
    var post = findPost(root, id);
    if (!post) { return false; }
    post.classList.add("post--gone");
    post.textContent = "";
    var note = document.createElement("p");
    note.className = "muted";
    note.textContent = sentence;
    post.appendChild(note);
    return true;
  }

  function verdictBadge(data) {
    var badge = document.createElement("span");
    badge.className = "verdict verdict--" + String(data.verdict || "").replace(/[^a-z_]/g, "");
    badge.textContent = data.verdict_label || "";
    return badge;
  }

  function showFactCheck(root, data) {
    // The verdict at the top of the claim.
    var summary = root.querySelector("[data-verdict-summary]");
    if (summary) {
      summary.textContent = "";
      summary.appendChild(verdictBadge(data));
    }
    root.querySelectorAll("[data-verdict-pending], [data-no-fact-checks]").forEach(function (node) {
      node.remove();
    });
    var list = root.querySelector("[data-fact-check-list]");
    if (!list) { return; }
    var id = "fact-check-" + Number(data.id);
    var existing = document.getElementById(id);
    var article = document.createElement("article");
    article.className = "fact-check post--new";
    article.id = id;
    var heading = document.createElement("h3");
    heading.appendChild(verdictBadge(data));
    article.appendChild(heading);
    var body = document.createElement("div");
    body.className = "fact-check__body";
    // body_html has been through the server's sanitiser (engage.moderation.sanitise).
    body.innerHTML = data.body_html || "";
    article.appendChild(body);
    var sources = (data.sources || []).filter(function (source) {
      return /^https?:\/\//i.test(String(source.url || ""));
    });
    if (sources.length) {
      var label = document.createElement("p");
      var strong = document.createElement("strong");
      strong.textContent = text(root, "sources");
      label.appendChild(strong);
      article.appendChild(label);
      var ul = document.createElement("ul");
      ul.className = "fact-check__sources";
      sources.forEach(function (source) {
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = source.url;
        link.rel = "nofollow ugc noopener";
        link.textContent = source.title || source.url;
        li.appendChild(link);
        ul.appendChild(li);
      });
      article.appendChild(ul);
    }
    var meta = document.createElement("p");
    meta.className = "fact-check__meta";
    meta.textContent = text(root, "written-by", { author: data.author || "", reviewer: data.reviewer || "" });
    article.appendChild(meta);
    if (existing) {
      existing.replaceWith(article);
    } else {
      list.insertBefore(article, list.firstChild);
    }
  }

  var handlers = {
    "post.created": function (root, data) {
      if (findPost(root, data.id)) { return; }
      var list = root.querySelector("[data-post-list]");
      if (!list) { return; }
      var item = document.createElement("li");
      item.appendChild(buildPost(root, data));
      list.appendChild(item);
      var empty = root.querySelector("[data-empty-posts]");
      if (empty) { empty.remove(); }
      announce(root, text(root, "new-post", { author: data.author || "" }));
    },
    "post.restored": function (root, data) { handlers["post.created"](root, data); },
    "post.edited": function (root, data) {
      var post = findPost(root, data.id);
      if (!post) { return; }
      var body = post.querySelector(".post__body");
      if (body) { body.innerHTML = data.body_html || ""; }
      announce(root, text(root, "edited"));
    },
    "post.withdrawn": function (root, data) {
      if (replaceWithNote(root, data.id, text(root, "withdrawn"))) {
        announce(root, text(root, "withdrawn"));
      }
    },
    "post.hidden": function (root, data) {
      var post = findPost(root, data.id);
      if (!post) { return; }
      var item = post.closest("li") || post;
      item.remove();
      announce(root, text(root, "post-gone"));
    },
    "post.removed": function (root, data) { handlers["post.hidden"](root, data); },
    "factcheck.published": function (root, data) {
      showFactCheck(root, data);
      announce(root, text(root, "fact-check", { verdict: data.verdict_label || "" }));
    },
    "thread.updated": function (root) { notice(root, text(root, "thread-updated")); },
    "page.updated": function (root) { notice(root, text(root, "thread-updated")); }
  };

  function connect(root, delay) {
    var scheme = window.location.protocol === "https:" ? "wss" : "ws";
    var url = scheme + "://" + window.location.host + "/ws/forums/threads/" +
      encodeURIComponent(root.getAttribute("data-thread-live")) + "/?seq=1&lang=" +
      encodeURIComponent(root.getAttribute("data-lang") || "");
    var socket;
    var lastSeq = null;
    try {
      socket = new WebSocket(url);
    } catch (error) {
      return;
    }
    socket.addEventListener("open", function () {
      delay = 1000;
      if (root.hasAttribute("data-live-closed")) {
        // Back after a drop: events sent meanwhile were missed.
        notice(root, text(root, "reconnected"));
      }
      root.setAttribute("data-live-connected", "true");
    });
    socket.addEventListener("message", function (message) {
      var parsed;
      try { parsed = JSON.parse(message.data); } catch (error) { return; }
      var handler = handlers[parsed.event];
      if (handler) { handler(root, parsed.data || {}); }
      // Messages are numbered 1, 2, 3…; a skipped number means some were dropped (a slow
      // connection, docs/websockets.md "Missed messages"): offer a reload, as after a drop.
      if (typeof parsed.seq === "number") {
        if (lastSeq !== null && parsed.seq > lastSeq + 1) {
          notice(root, text(root, "reconnected"));
        }
        lastSeq = parsed.seq;
      }
    });
    socket.addEventListener("close", function (event) {
      root.removeAttribute("data-live-connected");
      root.setAttribute("data-live-closed", String(event.code));
      if (RETRY_CODES[event.code]) {
        window.setTimeout(function () { connect(root, Math.min(delay * 2, MAX_DELAY)); }, delay);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("[data-thread-live]");
    if (root && "WebSocket" in window) { connect(root, 1000); }
  });
})();
