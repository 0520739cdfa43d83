"""An independent oracle for how a simple Arabic-script word must be drawn: each letter
in the joined form its neighbours call for (named in the Unicode character database),
in visual order. Only for words without lam-alef (a ligature) or vowel marks."""

import unicodedata


def _form(letter, form):
    try:
        return unicodedata.lookup(f"{unicodedata.name(letter)} {form} FORM")
    except KeyError:
        return None


def joins_forward(letter):
    """Dual-joining letters join the next letter too; they have an initial form."""
    return _form(letter, "INITIAL") is not None


def drawn_word(word):
    """The presentation forms of `word`, left to right as drawn."""
    glyphs = []
    for index, letter in enumerate(word):
        after_joiner = index > 0 and joins_forward(word[index - 1])
        before_letter = index + 1 < len(word) and joins_forward(letter)
        form = {
            (True, True): "MEDIAL",
            (True, False): "FINAL",
            (False, True): "INITIAL",
            (False, False): "ISOLATED",
        }[after_joiner, before_letter]
        glyphs.append(_form(letter, form) or _form(letter, "ISOLATED") or letter)
    return "".join(reversed(glyphs))


def drawn_phrase(phrase):
    """A right-to-left phrase of such words: the last word leftmost."""
    return " ".join(drawn_word(word) for word in reversed(phrase.split()))


def letters_with_joined_forms():
    """Base Arabic-script letters that have presentation forms (so must never be drawn
    as they are)."""
    letters = set()
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        decomposition = unicodedata.decomposition(chr(code)).split()
        if len(decomposition) == 2 and decomposition[0] in {
            "<isolated>",
            "<initial>",
            "<medial>",
            "<final>",
        }:
            letters.add(chr(int(decomposition[1], 16)))
    return letters
