// The one live client of the site (docs/websockets.md, "The browser client").
//
// EngageLive.open(options) keeps a WebSocket to options.path open: it reconnects with
// exponential back-off and jitter (also after 4503, "channel layer unavailable for
// now"), stops for good on 4403/4404, numbers messages (?seq=1) and calls
// options.resync() when it has missed some: a skipped sequence number, or a
// reconnection after a drop. Events go to options.onEvent(event, data).
// EngageLive.refetch() fetches the current page again; EngageLive.swap() puts the
// server's rendering of the given parts in place, so pages never build markup
// themselves. EngageLive.announce() speaks a sentence in a polite live region.
// Pages load this file first (<script src … defer>), then their own small module.
(function () {
  "use strict";

  var MIN_DELAY = 1000;
  var MAX_DELAY = 30000;
  var STOP_CODES = [4403, 4404]; // not allowed / no such page: do not retry

  function format(template, values) {
    // Both placeholder styles used by our templates: %(name)s and {name}.
    return String(template || "").replace(/%\((\w+)\)s|\{(\w+)\}/g, function (match, a, b) {
      var name = a || b;
      return Object.prototype.hasOwnProperty.call(values || {}, name) ? String(values[name]) : match;
    });
  }

  function announce(region, text) {
    if (!region) {
      return;
    }
    // Clear first, so the same sentence twice is still read out.
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 100);
  }

  function LiveSocket(options) {
    this.options = options;
    this.root = options.root;
    this.delay = MIN_DELAY;
    this.stopped = false;
    this.socket = null;
    this.lastSeq = null;
    this.everConnected = false;
  }

  LiveSocket.prototype.connect = function () {
    var self = this;
    var scheme = window.location.protocol === "https:" ? "wss" : "ws";
    var url = scheme + "://" + window.location.host + this.options.path +
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
        self.options.resync(); // back after a drop: what was sent meanwhile was missed
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
      if (!parsed || typeof parsed.event !== "string") {
        return;
      }
      // Messages of one group are numbered 1, 2, 3…; a skipped number means some were
      // dropped (docs/websockets.md, "Missed messages"): the page resyncs instead.
      var seq = parsed.seq;
      var gap = typeof seq === "number" && self.lastSeq !== null && seq > self.lastSeq + 1;
      if (typeof seq === "number") {
        self.lastSeq = seq;
      }
      if (gap) {
        self.options.resync();
      } else {
        self.options.onEvent(parsed.event, parsed.data || {});
      }
    });
    socket.addEventListener("close", function (event) {
      self.root.removeAttribute("data-live-connected");
      self.root.setAttribute("data-live-closed", String(event.code));
      if (STOP_CODES.indexOf(event.code) !== -1) {
        self.stopped = true;
        return;
      }
      self.retry();
    });
  };

  LiveSocket.prototype.retry = function () {
    var self = this;
    if (this.stopped) {
      return;
    }
    // Exponential back-off with jitter, so many pages do not reconnect at once.
    var wait = this.delay / 2 + Math.random() * (this.delay / 2);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
    window.setTimeout(function () { self.connect(); }, wait);
  };

  function open(options) {
    if (!("WebSocket" in window)) {
      return null;
    }
    var live = new LiveSocket(options);
    window.addEventListener("pagehide", function () {
      live.stopped = true;
      if (live.socket) {
        live.socket.close();
      }
    });
    // Back/forward cache: a restored page reconnects (and resyncs).
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        live.stopped = false;
        live.delay = MIN_DELAY;
        live.connect();
      }
    });
    live.connect();
    return live;
  }

  // Fetch this page again; resolves to a parsed document (the server's current rendering,
  // with every permission check and the person_name isolation of names).
  function refetch() {
    if (!window.fetch || !window.DOMParser) {
      return Promise.reject(new Error("unsupported"));
    }
    return window.fetch(window.location.pathname + window.location.search, {
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    }).then(function (html) {
      return new DOMParser().parseFromString(html, "text/html");
    });
  }

  // Replace each element of root matching a selector by the same element (same id) of
  // the fresh document; elements gone from the fresh document are removed.
  function swap(root, fresh, selectors) {
    selectors.forEach(function (selector) {
      root.querySelectorAll(selector).forEach(function (element) {
        var replacement = element.id ? fresh.getElementById(element.id) : fresh.querySelector(selector);
        if (replacement) {
          element.replaceWith(document.importNode(replacement, true));
        } else {
          element.remove();
        }
      });
    });
  }

  window.EngageLive = { open: open, refetch: refetch, swap: swap, announce: announce, format: format };
})();
