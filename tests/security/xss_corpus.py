"""The project's own script-injection corpus.

Every payload that could run calls `xss(<number>)`, which the browser test defines on
every page to record the number; `alert`, `confirm`, `prompt` and `print` are recorded
too, for payloads that reach them some other way. `MARK` is in every payload, so a page
that shows none of them did not render the corpus at all (and the test says so).
`TEMPLATE_PROBE` would render as `TEMPLATE_RESULT` if a template engine evaluated text.
"""

MARK = "xssmark"
TEMPLATE_PROBE = "{{ 48151|add:623 }}"
TEMPLATE_RESULT = "48774"

_RAW = [
    # Tags.
    "<script>xss(1)</script>",
    "<SCRIPT SRC=data:text/javascript,xss(2)></SCRIPT>",
    "<scr<script>ipt>xss(3)</scr</script>ipt>",
    '<img src=x onerror="xss(4)">',
    "<img src=x onerror=xss(5)//",
    "<body onload=xss(6)>",
    '<iframe srcdoc="<script>parent.xss(7)</script>"></iframe>',
    "<iframe src=javascript:parent.xss(8)></iframe>",
    '<object data="javascript:xss(9)"></object>',
    '<embed src="javascript:xss(10)">',
    "<style>@import 'javascript:xss(11)';</style>",
    '<link rel=stylesheet href="javascript:xss(12)">',
    '<meta http-equiv="refresh" content="0;url=javascript:xss(13)">',
    '<base href="javascript:xss(14)//">',
    '<form action="javascript:xss(15)"><button>go</button></form>',
    '<input autofocus onfocus="xss(16)">',
    '<details open ontoggle="xss(17)">',
    '<video><source onerror="xss(18)"></video>',
    '<audio src=x onerror="xss(19)">',
    '<marquee onstart="xss(20)">m</marquee>',
    '<noscript><p title="</noscript><img src=x onerror=xss(21)>">',
    "<template><img src=x onerror=xss(22)></template>",
    # Attributes and breaking out of them.
    '" onmouseover="xss(23)" autofocus onfocus="xss(23)" x="',
    "' onfocus='xss(24)' autofocus '",
    '"><img src=x onerror=xss(25)>',
    "</textarea><img src=x onerror=xss(26)>",
    "</title><img src=x onerror=xss(27)>",
    '<a href="#" onclick="xss(28)">click</a>',
    '<div style="background:url(javascript:xss(29))">s</div>',
    '<p hx-get="/" hx-trigger="load" hx-on::after-request="xss(30)">htmx</p>',
    '<p hx-on:htmx:load="xss(31)">htmx on</p>',
    # javascript: URLs, markdown-ish links and obfuscation.
    '<a href="javascript:xss(32)">link</a>',
    '<a href="JaVaScRiPt:xss(33)">link</a>',
    '<a href="java&#x09;script:xss(34)">tab</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:xss(35)">ent</a>',
    '<a href=" javascript:xss(36)">space</a>',
    '<a href="data:text/html,<script>xss(37)</script>">data</a>',
    "[click](javascript:xss(38))",
    "javascript:xss(39)",
    '<a href="vbscript:xss(40)">vb</a>',
    # SVG and MathML.
    "<svg onload=xss(41)>",
    "<svg><script>xss(42)</script></svg>",
    '<svg><a xlink:href="javascript:xss(43)"><text x=9 y=9>s</text></a></svg>',
    '<svg><animate onbegin="xss(44)" attributeName=x dur=1s>',
    '<svg><foreignObject><img src=x onerror="xss(45)"></foreignObject></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="xss(46)">',
    '<math href="javascript:xss(47)">m</math>',
    '<svg><style><img src=x onerror="xss(48)"></style></svg>',
    # Entities and encodings.
    "&lt;script&gt;xss(49)&lt;/script&gt;",
    "&#60;img src=x onerror=xss(50)&#62;",
    "%3Cscript%3Exss(51)%3C/script%3E",
    "\\u003cscript\\u003exss(52)\\u003c/script\\u003e",
    "<img src=x onerror=&#x78;&#x73;&#x73;&#x28;53&#x29;>",
    "<!--<img src=x onerror=xss(54)>-->",
    "<![CDATA[<img src=x onerror=xss(55)>]]>",
    # Template syntax (server- and client-side engines).
    TEMPLATE_PROBE,
    "{% debug %}{{ request.user.password }}",
    "${xss(58)}",
    "{{constructor.constructor('xss(59)')()}}",
    "<%= xss(60) %>",
    # Right-to-left and zero-width tricks.
    "\u202egnp.exe\u202c <img src=x onerror=xss(61)>",
    "\u200b<\u200bscript>xss(62)</script>",
    "<scr\u200dipt>xss(63)</scr\u200dipt>",
    "\u2067\u2066<img src=x onerror=xss(64)>\u2069",
    "\ufeff<svg onload=xss(65)>",
    # JSON and script-context breakouts (text that lands in json_script or data-*).
    "</script><script>xss(66)</script>",
    '"}]; xss(67); //',
    "'-xss(68)-'",
    # Long strings.
    "<b>" * 400 + "<img src=x onerror=xss(69)>",
    "A" * 1800 + "<img src=x onerror=xss(70)>",
]

PAYLOADS = [f"{MARK}{number} {text}" for number, text in enumerate(_RAW, start=1)]


def batches(size=5, max_length=900):
    """The payloads in groups of at most `size` and `max_length` characters, one per
    paragraph, for fields that take long text (a payload longer than that goes alone)."""
    groups, current = [], []
    for payload in PAYLOADS:
        if current and (len(current) == size or sum(map(len, current)) + len(payload) > max_length):
            groups.append(current)
            current = []
        current.append(payload)
    groups.append(current)
    return ["\n\n".join(group) for group in groups]
