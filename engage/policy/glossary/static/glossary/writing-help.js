/* Writers' help: discouraged terms in an editor field are shown beside it with the
   preferred alternative and the reason (never blocked). Used by the Wagtail page
   editor (wagtail_hooks.py) and the co-design brief editor
   (glossary/includes/writing_help.html).

   Fields: textareas, text inputs and rich-text editors ([contenteditable="true"]:
   Draftail, ProseMirror). After typing stops, or when the field loses focus, the text
   is sent to the check endpoint (data-check-url on this script: POST /api/v1/glossary/check)
   and the matches are listed in a polite live region after the field. */
(function () {
    "use strict";
    var script = document.currentScript;
    var url = script && script.dataset.checkUrl;
    if (!url || !window.fetch) { return; }
    var SELECTOR = 'textarea, input[type="text"], [contenteditable="true"]';
    var timers = new WeakMap();
    var boxes = new WeakMap();
    var lastText = new WeakMap();
    var rtl = document.documentElement.dir === "rtl";

    function strings() {
        var quote = function (text) { return rtl ? "«" + text + "»" : "“" + text + "”"; };
        return {
            title: script.dataset.labelTitle || "Words to reconsider",
            instead: script.dataset.labelInstead || "instead:",
            quote: quote
        };
    }

    function fieldOf(element) {
        if (element.matches('[contenteditable="true"]')) {
            return element.closest(".Draftail-Editor, .brief-editor__text") || element;
        }
        return element;
    }

    function textOf(element) {
        return element.isContentEditable ? element.innerText : element.value;
    }

    function boxFor(element) {
        var field = fieldOf(element);
        var box = boxes.get(field);
        if (!box) {
            box = document.createElement("div");
            box.className = "glossary-hints";
            box.setAttribute("role", "status");
            box.setAttribute("aria-live", "polite");
            box.hidden = true;
            field.insertAdjacentElement("afterend", box);
            boxes.set(field, box);
        }
        return box;
    }

    function show(element, matches) {
        var box = boxFor(element);
        var text = strings();
        box.replaceChildren();
        if (!matches.length) { box.hidden = true; return; }
        var title = document.createElement("p");
        title.className = "glossary-hints__title";
        title.textContent = text.title;
        var list = document.createElement("ul");
        matches.forEach(function (match) {
            var item = document.createElement("li");
            item.lang = match.language;
            var found = document.createElement("s");
            found.textContent = text.quote(match.found);
            var preferred = document.createElement("strong");
            preferred.textContent = text.quote(match.preferred);
            item.append(found, " → ", preferred, " — ", match.reason);
            list.append(item);
        });
        box.append(title, list);
        box.hidden = false;
    }

    function check(element) {
        var text = textOf(element) || "";
        if (lastText.get(element) === text) { return; }
        lastText.set(element, text);
        if (!text.trim()) { show(element, []); return; }
        fetch(url, {
            method: "POST",
            headers: { "Content-Type": "application/json", "Accept": "application/json" },
            credentials: "same-origin",
            body: JSON.stringify({ text: text.slice(0, 50000) })
        }).then(function (response) {
            return response.ok ? response.json() : { matches: [] };
        }).then(function (data) {
            var seen = {};
            show(element, (data.matches || []).filter(function (match) {
                var key = match.phrase.toLowerCase() + "|" + match.language;
                if (seen[key]) { return false; }
                seen[key] = true;
                return true;
            }));
        }).catch(function () { /* the help is optional: never disturb the writer */ });
    }

    function schedule(event) {
        var element = event.target.closest && event.target.closest(SELECTOR);
        if (!element) { return; }
        clearTimeout(timers.get(element));
        timers.set(element, setTimeout(function () { check(element); }, event.type === "focusout" ? 0 : 800));
    }

    document.addEventListener("input", schedule, true);
    document.addEventListener("focusout", schedule, true);
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll(SELECTOR).forEach(function (element) {
            if (textOf(element)) { check(element); }
        });
    });
}());
