"""The English abuse detector: canonical sentences, rules, counter-speech and slurs."""

import re
from dataclasses import dataclass, field

from . import context, groups, lexicon
from .categories import ABUSE_CATEGORIES
from .normalise import Token, sentences
from .patterns import RULES

NEGATORS = {"not", "never", "no", "hardly", "neither", "nor", "none", "nobody"}
# Phrases with a negator that do not negate: "nothing but animals", "no better than rats".
NOT_NEGATING = re.compile(
    r"\b(?:nothing but|nothing more than|nothing less than|no better than|no different (?:from|than|to)|"
    r"no more than|none other than|not only|not just|no less than|not even)\b"
)
HOSTILE_BEFORE_SLUR = {
    "dirty",
    "filthy",
    "fucking",
    "fuckin",
    "stupid",
    "bloody",
    "little",
    "fat",
    "ugly",
    "damn",
    "effing",
    "disgusting",
    "typical",
    "nasty",
    "you",
    "bunch",
    "lazy",
    "worthless",
}
RECLAIMING = {("i", "am"), ("we", "are"), ("i", "was"), ("we", "were"), ("as", "a")}
# An attribute followed by these words describes a state, not the group: "sick of being
# used", "crazy about football", "dirty from work".
NOT_ABOUT_THE_GROUP = {
    "sick": {"of", "about", "with", "and"},
    "tired": {"of"},
    "crazy": {"about"},
    "mad": {"about", "at"},
    "insane": {"about"},
    "dirty": {"from", "with", "after"},
    "filthy": {"from", "with", "after"},
    "ignorant": {"of", "about"},
    "weak": {"from", "with"},
}
HUMANITY = {"human", "humans", "people", "persons"}
# Slurs that are also verbs or adjectives ("retard growth"): used as a noun, they are slurs.
# "a faggot" is the slur; the meatball dish is plural ("faggots and peas").
NOUN_USE_SLURS = {
    "retard", "spastic", "spaz", "spazz", "mong", "mongs", "homo", "homos", "poof", "faggot"
}  # fmt: skip
# An ambiguous slur said of the person addressed is aimed at them: "you are a dyke".
ADDRESSED = {("you", "are"), ("you", "re"), ("ur", "a"), ("you", "were")}
DETERMINERS = {"a", "an", "the", "that", "this", "those", "these", "some", "such", "what"}
GENDER_WORDS = {"men", "women", "man", "woman", "girls", "boys", "males", "females"}


@dataclass
class Unit:
    """One word of a canonical sentence; ``GRP``/``GRPREF`` stand for a group phrase."""

    text: str
    quoted: bool
    words: tuple[str, ...] = ()
    slur: str = ""  # "", "unambiguous" or "ambiguous"
    profane: bool = False
    flagged: set = field(default_factory=set)


# Multi-word group phrases by their first word, longest first.
_PHRASES: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted(groups.GROUP_PHRASES, key=len, reverse=True):
    _PHRASES.setdefault(_phrase[0], []).append(_phrase)


def _group_length(words: list[str], i: int) -> tuple[int, str]:
    """(number of words, slur kind) of a group phrase starting at ``words[i]``, or (0, "")."""
    for phrase in _PHRASES.get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase), ""
    j = i
    while j < len(words) and words[j] in groups.GROUP_ADJECTIVES:
        j += 1
    if j > i and j < len(words) and words[j] in groups.PERSON_NOUNS:
        return j - i + 1, ""
    word = words[i]
    if word in groups.GROUP_NOUNS:
        # "women drivers", "refugee families": the person noun belongs to the group.
        return (2 if words[i + 1 : i + 2] and words[i + 1] in groups.PERSON_NOUNS else 1), ""
    if word in lexicon.UNAMBIGUOUS_SLURS:
        return 1, "unambiguous"
    if word in lexicon.AMBIGUOUS_SLURS:
        return 1, "ambiguous"
    return 0, ""


def _pronoun_length(words: list[str], i: int) -> int:
    for phrase in groups.GROUP_PRONOUN_PHRASES:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 1 if words[i] in groups.GROUP_PRONOUNS else 0


def canonical(tokens: list[Token], text_names_group: bool) -> list[Unit]:
    """The sentence with group phrases as ``GRP`` and, where the text names one, ``GRPREF``."""
    words = [t.word for t in tokens]
    units: list[Unit] = []
    i = 0
    while i < len(words):
        length, slur = _group_length(words, i)
        if length:
            units.append(Unit("GRP", tokens[i].quoted, tuple(words[i : i + length]), slur))
            i += length
            continue
        length = _pronoun_length(words, i) if text_names_group else 0
        if length:
            units.append(Unit("GRPREF", tokens[i].quoted, tuple(words[i : i + length])))
            i += length
            continue
        units.append(
            Unit(words[i], tokens[i].quoted, (words[i],), profane=words[i] in lexicon.PROFANITY)
        )
        i += 1
    # A group addressed by name: "Immigrants, you are scum" says it of the immigrants.
    for k in range(len(units) - 2):
        if units[k].text == "GRP" and units[k + 1].text == "," and units[k + 2].text == "you":
            units[k + 2] = Unit("GRPREF", units[k + 2].quoted, units[k + 2].words)
    return units


def _unit_index(starts: list[int], offset: int) -> int:
    index = 0
    for n, start in enumerate(starts):
        if start <= offset:
            index = n
    return index


def _group(match: re.Match, name: str) -> str:
    return (match.group(name) or "") if name in match.re.groupindex else ""


def _negated(match: re.Match) -> bool:
    names = match.re.groupindex
    if any(match.group(name) for name in ("neg", "neg2", "no") if name in names):
        return True
    fills = " ".join(match.group(n) or "" for n in names if n.startswith("fill"))
    # "less intelligent" negates the word it stands before, and only that one.
    if fills.split()[-1:] == ["less"]:
        return True
    return bool(NEGATORS & set(NOT_NEGATING.sub(" ", fills).split()))


# "Immigrants are treated like animals": a report of how a group is treated, not a claim.
PASSIVE_REPORT = {
    "treated",
    "described",
    "called",
    "portrayed",
    "seen",
    "viewed",
    "labelled",
    "labeled",
    "depicted",
    "painted",
    "branded",
    "dismissed",
    "regarded",
    "used",
    "housed",
    "kept",
    "herded",
    "caged",
    "dehumanised",
    "dehumanized",
    "demonised",
    "demonized",
    "made",
}
# An attribute after one of these describes a place or thing: "living in filthy hotels".
PREPOSITIONS = {
    "in",
    "at",
    "on",
    "under",
    "into",
    "inside",
    "from",
    "about",
    "with",
    "for",
    "by",
    "through",
    "near",
    "over",
    "during",
    "after",
    "before",
}
# "Women are not good at…", "not equal in pay": a positive word with a complement is a
# statement about circumstances, not about the group's worth.
COMPLEMENTS = {"at", "in", "to", "with", "for", "on", "enough", "as", "about", "when", "under"}


# "Anyone who hates Muslims…", "He hates gays": someone else's feeling, reported.
REPORTED_SUBJECTS = {
    "who",
    "that",
    "which",
    "he",
    "she",
    "people",
    "someone",
    "somebody",
    "they",
    "many",
    "some",
    "anyone",
    "anybody",
    "nobody",
    "racists",
    "bigots",
    "homophobes",
    "those",
}


def _verdict(rule, match, units, span) -> tuple[str, ...]:
    """The categories this match signals, or () when it signals nothing."""
    if _group(match, "pre").strip() in REPORTED_SUBJECTS:
        return ()
    negated = _negated(match)
    if rule.kind != "attribute":
        flagged = negated if rule.kind == "positive" else not negated
        return rule.categories if flagged else ()
    attr = match.group("attr")
    fill = _group(match, "fill").split()
    if PASSIVE_REPORT & set(fill) or PREPOSITIONS & set(fill):
        return ()  # "treated like animals", "living in disgusting conditions"
    if attr == "GRP":
        last = next((u for u in reversed(span) if u.text == "GRP"), None)
        if last is not None and last.slur and not negated:
            return ("derogation",)  # "autistic people are retards"
        # "trans women are not women": only gender words make this a negated positive, and
        # only a plain denial ("no worse than men" compares).
        plain = set(fill) <= {"not", "never", "real", "true", "proper", "actual", "really"}
        positive = plain and last is not None and last.words[-1] in GENDER_WORDS
        return ("derogation",) if positive and negated else ()
    if attr in lexicon.POSITIVE_ATTRIBUTES and attr not in lexicon.DEROGATORY_ATTRIBUTES:
        following = match.string[match.end() :].split()[:1]
        # "not as capable as men" compares; "not good at maths" is about circumstances.
        comparison = following[:1] == ["as"] and "as" in fill
        if not negated or (
            following and following[0] in COMPLEMENTS and attr != "worth" and not comparison
        ):
            return ()
        if attr in HUMANITY:
            return ("derogation", "dehumanisation")
        if attr in {"welcome", "wanted"}:
            return ("derogation", "other")  # "not welcome here" also excludes
        return ("derogation",)
    following = match.string[match.end() :].split()[:1]
    if negated or (following and following[0] in NOT_ABOUT_THE_GROUP.get(attr, ())):
        return ()
    if attr in lexicon.DEHUMANISING_TERMS:
        return ("dehumanisation",)
    return ("derogation",)


def _listed_attributes(rest: str) -> set[str]:
    """Categories of further attributes in a list: "scroungers and parasites"."""
    found = set()
    for word in rest.split()[:6]:
        if word in {"and", "or", ",", "a", "an", "the", "also", "even", "total", "complete"}:
            continue
        if word in lexicon.DEHUMANISING_TERMS:
            found.add("dehumanisation")
        elif word in lexicon.DEROGATORY_ATTRIBUTES:
            found.add("derogation")
        else:
            break
    return found


def _slur_signal(units: list[Unit], index: int, sentence: str, starts: list[int]) -> bool:
    unit = units[index]
    if unit.quoted:
        return False
    before = [u.text for u in units[max(0, index - 6) : index]]
    pairs = set(zip(before, before[1:], strict=False))
    if pairs & RECLAIMING or {"my", "our", "us"} & set(before[-2:]):
        return False
    if context.is_mention(sentence[: starts[index]], ""):
        return False
    if unit.slur == "unambiguous" or unit.flagged:
        return True
    if unit.words[-1] in NOUN_USE_SLURS and before and before[-1] in DETERMINERS:
        return True
    if pairs & ADDRESSED:
        return True
    return bool(HOSTILE_BEFORE_SLUR & set(before[-3:]))


def detect(text: str) -> tuple[str, ...]:
    """The abuse categories signalled in English ``text`` (empty: nothing to flag)."""
    found: set[str] = set()
    parsed = sentences(text)
    names_group = any(
        _group_length([t.word for t in tokens], i)[0]
        for tokens in parsed
        for i in range(len(tokens))
    )
    for position, tokens in enumerate(parsed):
        # "Immigrants are vermin. That is what the far right says." rejects the first sentence.
        following = parsed[position + 1] if position + 1 < len(parsed) else []
        if context.rejects_previous(" ".join(t.word for t in following)):
            continue
        units = canonical(tokens, names_group)
        starts, offset = [], 0
        for unit in units:
            starts.append(offset)
            offset += len(unit.text) + 1
        sentence = " ".join(u.text for u in units)
        for rule in RULES:
            for match in rule.regex.finditer(sentence):
                first = _unit_index(starts, match.start())
                last = _unit_index(starts, max(match.start(), match.end() - 1))
                span = units[first : last + 1]
                if all(u.quoted for u in span if u.text in {"GRP", "GRPREF"} or u is span[-1]):
                    continue
                categories = _verdict(rule, match, units, span)
                if not categories:
                    continue
                if context.is_mention(sentence[: match.start()], sentence[match.end() :]):
                    continue
                found.update(categories)
                if rule.kind == "attribute":
                    found.update(_listed_attributes(sentence[match.end() :]))
                # "should be put down like dogs": violence with a dehumanising comparison.
                after = sentence[match.end() :].split()[:2]
                if after[:1] == ["like"] and after[1:] and after[1] in lexicon.DEHUMANISING_TERMS:
                    found.add("dehumanisation")
                if any(u.profane for u in units[first : last + 3]):
                    found.add("profanity")
                for unit in span:
                    unit.flagged.add(rule.name)
        for index, unit in enumerate(units):
            if unit.slur and _slur_signal(units, index, sentence, starts):
                found.add("slur")
    return tuple(c for c in ABUSE_CATEGORIES if c in found)
