"""Read the characters of the translation catalogues (no polib or babel needed)."""

import ast
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def entries(path):
    """(msgid, [msgstr, ...]) of every entry of the .po file at `path`."""
    result, key, values, current = [], None, {}, None

    def close():
        if values:
            strings = [v for k, v in values.items() if k.startswith("msgstr")]
            result.append((values.get("msgid", ""), strings))

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            if key is not None:
                close()
                key, values = None, {}
            continue
        if line.startswith('"'):
            values[key] += ast.literal_eval(line)
            continue
        current, _, literal = line.partition(" ")
        if current == "msgid" and key is not None and key != "msgctxt":
            close()
            values = {}
        key = current
        values[key] = ast.literal_eval(literal)
    if key is not None:
        close()
    return result


def catalogue_characters():
    """{language: set of characters its users read}: every msgstr, and for English
    (the source language) every msgid."""
    languages = {"en": set()}
    for path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        language = path.parts[-3]
        characters = languages.setdefault(language, set())
        for msgid, strings in entries(path):
            languages["en"].update(msgid)
            for string in strings:
                characters.update(string)
    return languages
