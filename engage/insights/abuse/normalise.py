"""From raw text to sentences of normalised English tokens.

Undoes the spellings people use to slip past word lists, so the patterns see one
spelling: lower case, contractions expanded ("don't" → "do not"), leetspeak and masks
("sh1t", "f*ck"), letters spaced out ("k i l l"), stretched letters ("haaate"), and, for
words that are not English words we know, one typo (a swap, a missing or extra letter)
away from a word of the lexicon ("haet", "cancr") or two lexicon words run together
("deathto"). Tokens inside quotation marks are marked: quoting abuse is not using it.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files

from . import groups, lexicon
from .common_words import COMMON_WORDS


@dataclass(frozen=True)
class Token:
    word: str
    quoted: bool = False


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "`": "'",
        "\u00b4": "'",
    }
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|[\r\n]+|(?<=[.!?])(?=[A-Z])")
_TOKEN = re.compile(r"[\w@$*#!+'\-]+|[,:()=]|\"")
_LEET = str.maketrans(
    {
        "0": "o",
        "1": "i",
        "3": "e",
        "4": "a",
        "5": "s",
        "7": "t",
        "@": "a",
        "$": "s",
        "!": "i",
        "+": "t",
        "8": "b",
        "9": "g",
    }
)
_MASK_CHARS = set("*#_.")
# Masked words are matched against these lists in order: swearing is the commonest mask.
_MASK_TARGETS = (
    lexicon.PROFANITY,
    lexicon.SLURS,
    lexicon.DEHUMANISING_TERMS,
    lexicon.DEROGATORY_ATTRIBUTES,
    groups.GROUP_NOUNS,
)

CONTRACTIONS = {
    "can't": "can not",
    "cannot": "can not",
    "cant": "can not",
    "won't": "will not",
    "shan't": "shall not",
    "ain't": "is not",
    "i'm": "i am",
    "im": "i am",
    "let's": "let us",
    "lets": "let us",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "u": "you",
    "ur": "your",
    "r": "are",
    "ppl": "people",
    "y'all": "you all",
    "ya": "you",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "couldnt": "could not",
    "theyre": "they are",
    "youre": "you are",
    "ive": "i have",
    "id": "i would",
    "kys": "kill yourself",
    "h8": "hate",
    "h8e": "hate",
    "h8s": "hates",
    "wont": "will not",
    "hes": "he is",
}
_IS_CONTRACTIONS = {"it", "that", "he", "she", "there", "what", "who", "here", "where"}


@functools.cache
def vader_words() -> frozenset[str]:
    """The words of VADER's English lexicon: known words that must not be "corrected"."""
    try:
        text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):  # pragma: no cover - vaderSentiment is pinned
        return frozenset()
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines() if line)


def _single_words(alternation: str) -> set[str]:
    return {part for part in alternation.split("|") if " " not in part}


@functools.cache
def key_words() -> frozenset[str]:
    """Lexicon words a misspelling is corrected to."""
    words = (
        groups.GROUP_NOUNS
        | lexicon.DEROGATORY_ATTRIBUTES
        | lexicon.DEHUMANISING_TERMS
        | lexicon.SLURS
        | lexicon.PROFANITY
        | _single_words(lexicon.HATE_VERBS)
        | _single_words(lexicon.VIOLENT_VERBS)
        | _single_words(lexicon.VIOLENT_PASSIVES)
        | {a for a in groups.GROUP_ADJECTIVES if len(a) >= 5}
        | {"death", "kill", "die", "hate", "people", "should", "deserve", "disgusting"}
    )
    return frozenset(w for w in words if w.isalpha() and len(w) >= 4)


@functools.cache
def known_words() -> frozenset[str]:
    """Words taken as spelled: common English, VADER's lexicon and our own lists."""
    return frozenset(
        COMMON_WORDS
        | vader_words()
        | key_words()
        | groups.PERSON_NOUNS
        | groups.GROUP_ADJECTIVES
        | lexicon.POSITIVE_ATTRIBUTES
    )


@functools.cache
def _keys_by_length() -> dict[int, tuple[str, ...]]:
    by_length: dict[int, list[str]] = {}
    for word in sorted(key_words()):
        by_length.setdefault(len(word), []).append(word)
    return {length: tuple(words) for length, words in by_length.items()}


def _one_typo(token: str, word: str) -> bool:
    """Whether ``token`` is ``word`` with one swap, missing, extra or (long words) wrong letter."""
    lt, lw = len(token), len(word)
    if lt == lw:
        diffs = [i for i in range(lt) if token[i] != word[i]]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            i = diffs[0]
            return token[i] == word[i + 1] and token[i + 1] == word[i]
        return len(diffs) == 1 and lw >= 7
    # A missing or extra letter: both spellings at least five letters long ("cancr"), or
    # four for a group name ("wmen"); shorter words have too many real neighbours.
    if min(lt, lw) < (4 if word in groups.GROUP_NOUNS else 5):
        return False
    longer, shorter = (token, word) if lt > lw else (word, token)
    if len(longer) - len(shorter) != 1:
        return False
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@functools.lru_cache(maxsize=4096)
def correct(token: str) -> str:
    """The lexicon word an unknown ``token`` misspells, two words it runs together, or itself."""
    if len(token) < 4 or not token.isalpha() or token in known_words():
        return token
    squeezed = re.sub(r"(.)\1{2,}", r"\1\1", token)
    for candidate in (squeezed, re.sub(r"(.)\1+", r"\1", token)):
        if candidate in known_words():
            return candidate
    by_length = _keys_by_length()
    for length in (len(token), len(token) - 1, len(token) + 1):
        for word in by_length.get(length, ()):
            if _one_typo(token, word):
                return word
    keys, function_words = key_words(), COMMON_WORDS
    for i in range(1, len(token)):
        left, right = token[:i], token[i:]
        if (left in keys and (right in keys or right in function_words)) or (
            right in keys and left in function_words
        ):
            return f"{left} {right}"
    return token


@functools.lru_cache(maxsize=4096)
def unmask(token: str) -> str:
    """``f*ck`` → ``fuck``, ``sh1t`` → ``shit``, ``n!gg@`` → ``nigga`` where a lexicon word fits."""
    if token.isalpha():
        return token
    if any(c in _MASK_CHARS for c in token) and any(c.isalpha() for c in token):
        for run in ("[a-z]", "[a-z]{1,3}"):
            pattern = re.compile(
                "".join(run if c in _MASK_CHARS else re.escape(c.translate(_LEET)) for c in token)
                + "$"
            )
            for words in _MASK_TARGETS:
                for word in sorted(words):
                    if pattern.match(word):
                        return word
    leet = token.translate(_LEET)
    if leet.isalpha() and any(c.isalpha() for c in token):
        return leet
    return token


def _expand(word: str) -> list[str]:
    if word in CONTRACTIONS:
        return CONTRACTIONS[word].split()
    word = unmask(word)
    if word in CONTRACTIONS:
        return CONTRACTIONS[word].split()
    if word.endswith("n't"):
        stem = word[:-3]
        return [{"ca": "can", "wo": "will", "sha": "shall"}.get(stem, stem), "not"]
    for suffix, full in (
        ("'re", "are"),
        ("'ll", "will"),
        ("'d", "would"),
        ("'ve", "have"),
        ("'m", "am"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix):
            return [word[: -len(suffix)], full]
    if word.endswith("'s"):
        stem = word[:-2]
        return [stem, "is"] if stem in _IS_CONTRACTIONS else [stem]
    return [word.strip("'")] if word.strip("'") else []


def _join_spaced_letters(words: list[str]) -> list[str]:
    """``w o m e n`` → ``women``: runs of three or more single letters are one word."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if len(run) >= 3:
            out.extend(correct("".join(run)).split())
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], None
    for match in re.finditer(r'"|(?:(?<=^)|(?<=[\s(\[]))\'|\'(?=[\s.,!?;:)\]]|$)', text):
        if start is None:
            start = match.end()
        else:
            spans.append((start, match.start()))
            start = None
    return spans


def sentences(text: str) -> list[list[Token]]:
    """``text`` as sentences of normalised tokens."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    result = []
    for chunk in _SENTENCE_END.split(text):
        if not chunk.strip():
            continue
        spans = _quoted_spans(chunk)
        tokens: list[Token] = []
        raw = []
        for match in _TOKEN.finditer(chunk):
            quoted = any(a <= match.start() < b for a, b in spans)
            raw.append((match.group().strip("-!"), quoted))
        words: list[tuple[str, bool]] = []
        for word, quoted in raw:
            if word in {'"', ""}:
                continue
            if word == "=":  # "muslims=terrorists"
                words.append(("are", quoted))
                continue
            if word in {",", ":", "(", ")"}:
                words.append((",", quoted))
                continue
            for part in _expand(word.rstrip("'")):
                words.append((part, quoted))
        joined = _join_spaced_letters([w for w, _q in words])
        if len(joined) == len(words):
            pairs = [(w2, q) for w2, (_w, q) in zip(joined, words, strict=True)]
        else:
            pairs = [(w, False) for w in joined]
        for word, quoted in pairs:
            for part in correct(word).split():
                tokens.append(Token(part, quoted))
        if tokens:
            result.append(tokens)
    return result
