"""The documentation holds together: README.md stays a short entry point that keeps the
public contracts (../shared/DESIGN.md) or links to them, docs/ holds the reference, and
every relative link in README.md and docs/*.md reaches an existing file and heading."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"

README_MAX_BYTES = 12 * 1024

REFERENCE_PAGES = {
    "README.md",
    "architecture.md",
    "development.md",
    "demo.md",
    "consultations.md",
    "codesign.md",
    "forums.md",
    "moderation.md",
    "representation.md",
    "api.md",
    "websockets.md",
    "commands.md",
    "deployment.md",
    "operations.md",
    "privacy.md",
    "security.md",
    "csp.md",
}

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def markdown_files():
    return [README, *sorted(DOCS.glob("*.md"))]


def prose(text):
    """The text without code blocks and inline code, where brackets are not links."""
    return INLINE_CODE.sub("", FENCE.sub("", text))


def slug(heading):
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = text.replace("`", "").strip().lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_")
    return text.replace(" ", "-")


def anchors(path):
    seen, result = {}, set()
    for heading in HEADING.findall(FENCE.sub("", path.read_text())):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def relative_links(path):
    for target in LINK.findall(prose(path.read_text())):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue  # https:, mailto: …
        yield target


def broken_links(path):
    problems = []
    for target in relative_links(path):
        file_part, _hash, anchor = target.partition("#")
        destination = (path.parent / file_part).resolve() if file_part else path
        if not destination.exists():
            problems.append(f"{target}: no such file")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            problems.append(f"{target}: no heading with that anchor in {destination.name}")
    return problems


@pytest.mark.parametrize("path", markdown_files(), ids=lambda path: path.name)
def test_every_relative_link_resolves(path):
    assert broken_links(path) == [], f"Fix these links in {path.relative_to(ROOT)}"


def test_the_link_checker_sees_links_and_catches_broken_ones(tmp_path):
    (tmp_path / "other.md").write_text("# Other page\n\n## A `code` heading (two)\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n[fine](other.md) [fine too](other.md#a-code-heading-two) [here](#page)\n"
        "[gone](missing.md) [bad anchor](other.md#nowhere) [web](https://example.org)\n"
        "`[not a link](nowhere.md)`\n\n```\n[not a link](nowhere.md)\n```\n"
    )
    assert list(relative_links(page)) == [
        "other.md",
        "other.md#a-code-heading-two",
        "#page",
        "missing.md",
        "other.md#nowhere",
    ]
    assert broken_links(page) == [
        "missing.md: no such file",
        "other.md#nowhere: no heading with that anchor in other.md",
    ]


def test_docs_holds_the_reference_pages():
    present = {path.name for path in DOCS.glob("*.md")}
    assert REFERENCE_PAGES - present == set()


def test_every_docs_page_is_linked_from_the_readme_or_the_docs_index():
    linked = set()
    for path in (README, DOCS / "README.md"):
        for target in relative_links(path):
            linked.add((path.parent / target.partition("#")[0]).resolve())
    unlinked = sorted(p.name for p in DOCS.glob("*.md") if p.resolve() not in linked)
    assert unlinked == [], "Link these pages from README.md or docs/README.md"


def test_readme_fits_on_a_few_screens():
    size = len(README.read_bytes())
    assert size <= README_MAX_BYTES, (
        f"README.md is {size} bytes (limit {README_MAX_BYTES}); move reference to docs/"
    )


def test_readme_keeps_the_public_contracts_or_links_to_them():
    readme = README.read_text()
    for contract in (
        "make demo",
        "make test",
        "REQUIRE_SERVICES=1",
        "PORT=",
        "make lint",
        "make format",
        "make messages",
        "make bench",
        "engage-demo",
        "/healthz",
        "/readyz",
        "/api/v1/",
        "/api/v1/openapi.json",
        "/<lang>/accounts/",
        "/ws/consultations/<id>/",
        "/ws/forums/threads/<id>/",
        "docs/websockets.md",
        "docs/commands.md",
        "docs/api.md",
        "consultation:<id>",
    ):
        assert contract in readme, f"README.md no longer mentions {contract}"
    for account in ("resident", "leader", "moderator", "staff", "partner"):
        assert f"{account}@example.org" in readme
