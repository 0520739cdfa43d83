"""Every configured language is complete: each catalogue in `locale/` translates every
message (no empty and no fuzzy entry), its placeholders match the English, `msgfmt
--check` accepts it, and the compiled `.mo` beside it is up to date.

A gap shows up as English in the middle of a translated page, and a wrong placeholder
as an error when the message is shown; `make messages` followed by the translators'
pass keeps this green.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# %(name)s, %s, %d, %% — Python's printf-style placeholders (msgfmt checks them only for
# entries flagged python-format, so they are compared here for every entry).
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[sdif%]")


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line):
    """The text of one quoted .po line, escapes resolved."""
    quoted = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match[1], match[1]), quoted)


def _new():
    return {"msgid": "", "msgid_plural": "", "msgstr": [], "flags": set()}


def entries(path):
    """The entries of a .po file as dicts (msgid, msgid_plural, msgstr: a list, flags).

    A small reader for what `makemessages` writes; obsolete (#~) entries and the header
    (empty msgid) are left out."""
    found, entry, field = [], _new(), None

    def start_next():
        nonlocal entry, field
        if entry["msgid"]:
            found.append(entry)
        entry, field = _new(), None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if field == "msgstr":
                start_next()
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith(("msgctxt", "msgid ")) and field == "msgstr":
            start_next()
        if line.startswith("msgctxt"):
            field = "msgctxt"
        elif line.startswith("msgid_plural"):
            field = "msgid_plural"
            entry["msgid_plural"] = _unquote(line)
        elif line.startswith("msgid "):
            field = "msgid"
            entry["msgid"] = _unquote(line)
        elif line.startswith("msgstr"):
            field = "msgstr"
            entry["msgstr"].append(_unquote(line))
        elif line.startswith('"'):
            if field == "msgstr":
                entry["msgstr"][-1] += _unquote(line)
            elif field in ("msgid", "msgid_plural"):
                entry[field] += _unquote(line)
    start_next()
    return found


def catalogue(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    items = entries(catalogue(language))
    assert len(items) > 1000, "the catalogue was read"
    empty = [item["msgid"] for item in items if not all(item["msgstr"])]
    fuzzy = [item["msgid"] for item in items if "fuzzy" in item["flags"]]
    assert empty == [], f"{len(empty)} untranslated in {language}: {empty[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(language):
    wrong = []
    for item in entries(catalogue(language)):
        if "python-format" not in item["flags"]:
            continue
        named = set(re.findall(r"%\(([^)]+)\)", item["msgid"] + item["msgid_plural"]))
        for text in item["msgstr"]:
            if set(re.findall(r"%\(([^)]+)\)", text)) - named:
                wrong.append((item["msgid"], text))
    assert wrong == [], f"placeholders not in the English, {language}: {wrong[:3]}"


def test_the_english_catalogue_is_the_source_of_every_language():
    counts = {language: len(entries(catalogue(language))) for language in LANGUAGES}
    assert len(set(counts.values())) == 1, counts


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalogue_and_the_compiled_file_is_current(language, tmp_path):
    po = catalogue(language)
    result = subprocess.run(  # noqa: S603 - a fixed program on our own file
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    shipped = po.with_suffix(".mo")
    assert shipped.read_bytes() == (tmp_path / "django.mo").read_bytes(), (
        f"{shipped} is older than its .po: run `make messages`"
    )
