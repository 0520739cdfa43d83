"""No template of ours puts code or styles inline, which the Content-Security-Policy
would block (docs/csp.md): a quick check of every page template, so that a page the
browser test does not open is covered too. Email templates are not pages (no CSP)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = ["engage", "consultations", "forums", "home"]
INLINE = {
    "inline script": re.compile(
        r"<script\b(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I
    ),
    "<style> element": re.compile(r"<style\b", re.I),
    "style= attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)


def page_templates():
    for folder in TEMPLATE_DIRS:
        for path in (ROOT / folder).rglob("templates/**/*.html"):
            if "email" in path.relative_to(ROOT).parts or "/email/" in str(path):
                continue
            yield path


def test_page_templates_have_no_inline_script_or_style():
    found = []
    for path in page_templates():
        text = COMMENT.sub("", path.read_text(encoding="utf-8"))
        for what, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {what}")
    assert found == [], "Move these into static files (docs/csp.md):\n" + "\n".join(found)


def test_the_check_finds_what_it_looks_for():
    sample = (
        '<script>alert(1)</script><script src="/x.js"></script>'
        '<script type="application/json">{}</script><style>p{}</style>'
        '<p style="color:red" onclick="go()"><a href="javascript:x()">'
    )
    hits = {what for what, pattern in INLINE.items() if pattern.search(sample)}
    assert hits == set(INLINE)
    assert len(INLINE["inline script"].findall(sample)) == 1
