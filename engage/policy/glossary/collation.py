"""Alphabetical order and index letters of glossary terms in the reader's language.

Code-point order is alphabetical for English and for Arabic's own letters, but not for
the rest:
- Arabic glossaries file a term under its first letter after the definite article
  (التطرف under ت), and the alef forms (أ إ آ ٱ) under ا; otherwise nearly every
  term sat under ا.
- Urdu's letters are ordered by the Urdu alphabet (ا ب پ ت ٹ … ی ے): by code point
  پ, ٹ, چ, ڈ, ک and گ came after the whole Arabic alphabet. Arabic code points that
  Urdu text sometimes carries (ك ي ه) count as the Urdu letters they look like.
"""

ARABIC_ARTICLE = "ال"
ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
URDU_LOOKALIKES = str.maketrans({"ك": "ک", "ي": "ی", "ى": "ی", "ه": "ہ", "ة": "ہ"})
URDU_ALPHABET = "اآبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیے"
URDU_ORDER = {letter: index for index, letter in enumerate(URDU_ALPHABET)}


def headword(label, language):
    """The label as it is ordered and indexed: in Arabic, without the definite
    article (when a word follows it) and with one alef."""
    text = (label or "").strip()
    if language == "ar":
        if text.startswith(ARABIC_ARTICLE) and len(text) > len(ARABIC_ARTICLE) + 1:
            text = text[len(ARABIC_ARTICLE) :]
        text = text.translate(ALEF_FORMS)
    elif language == "ur":
        text = text.translate(URDU_LOOKALIKES)
    return text


def index_letter(label, language):
    """The letter a term is listed under: "#" for an empty label."""
    text = headword(label, language)
    if not text:
        return "#"
    if language == "ur" and text[0] == "آ":
        return "ا"
    return text[0].upper()


def sort_key(label, language):
    """A key that orders labels alphabetically in `language`."""
    text = headword(label, language).casefold()
    if language == "ur":
        return tuple(URDU_ORDER.get(char, len(URDU_ORDER) + ord(char)) for char in text)
    return tuple(ord(char) for char in text)
