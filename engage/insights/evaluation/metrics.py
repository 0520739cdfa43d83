"""Read a labelled CSV and measure the text signals on it, per language and per category.

Columns: ``text,language,sentiment,abusive`` (others are ignored).
``sentiment`` is a gold score in [-1, 1] or empty (not labelled). ``abusive`` is empty
(not labelled), ``0``/``false``/``no``, ``1``/``true``/``yes``, or the abuse categories
separated by ``;`` (abusive, in those categories).
"""

import csv
import math
from collections import defaultdict
from dataclasses import dataclass, field

from ..abuse import ABUSE_CATEGORIES
from ..analysis import TextSignals, analyse_text, normalise_language
from ..conf import NEUTRAL_BAND
from ..language import detect_language

TRUE_WORDS = {"1", "true", "yes", "y"}
FALSE_WORDS = {"0", "false", "no", "n"}


class EvaluationError(ValueError):
    """The CSV cannot be evaluated (missing columns, bad values); the message says where."""


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    sentiment: float | None
    abusive: bool | None
    categories: tuple[str, ...] = ()


def polarity(score: float) -> int:
    """-1, 0 or 1; scores inside the neutral band (±0.05) are neutral."""
    if score > NEUTRAL_BAND:
        return 1
    if score < -NEUTRAL_BAND:
        return -1
    return 0


def _parse_abusive(value: str, line: int) -> tuple[bool | None, tuple[str, ...]]:
    value = value.strip().lower()
    if not value:
        return None, ()
    if value in TRUE_WORDS:
        return True, ()
    if value in FALSE_WORDS:
        return False, ()
    categories = tuple(c.strip() for c in value.replace("|", ";").split(";") if c.strip())
    unknown = [c for c in categories if c not in ABUSE_CATEGORIES]
    if unknown:
        raise EvaluationError(
            f"Line {line}: unknown abuse category {unknown[0]!r} "
            f"(use 0, 1 or some of {', '.join(ABUSE_CATEGORIES)})."
        )
    return True, categories


def read_examples(handle) -> list[Example]:
    """The examples in an open CSV file, or EvaluationError."""
    reader = csv.DictReader(handle)
    missing = {"text", "language", "sentiment", "abusive"} - set(reader.fieldnames or ())
    if missing:
        raise EvaluationError(f"The CSV lacks the column(s): {', '.join(sorted(missing))}.")
    examples = []
    for row in reader:
        line = reader.line_num
        sentiment = (row["sentiment"] or "").strip()
        try:
            gold = float(sentiment) if sentiment else None
        except ValueError as error:
            raise EvaluationError(
                f"Line {line}: sentiment {sentiment!r} is not a number."
            ) from error
        if gold is not None and not (math.isfinite(gold) and -1 <= gold <= 1):
            raise EvaluationError(f"Line {line}: sentiment {sentiment!r} is outside [-1, 1].")
        abusive, categories = _parse_abusive(row["abusive"] or "", line)
        language = normalise_language(row["language"]) or ""
        examples.append(Example(row["text"] or "", language, gold, abusive, categories))
    return examples


def pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Tally:
    """Counts for one language (or for all), turned into figures by ``figures()``."""

    texts: int = 0
    detected_right: int = 0
    sentiment_labelled: int = 0
    sentiment_scored: int = 0
    gold: list = field(default_factory=list)
    predicted: list = field(default_factory=list)
    polarity_right: int = 0
    abuse_labelled: int = 0
    abuse_supported: int = 0
    abusive: int = 0
    caught: int = 0
    clean: int = 0
    false_flags: int = 0
    backends: set = field(default_factory=set)

    def add(self, example: Example, signals: TextSignals, detected: str | None) -> None:
        self.texts += 1
        self.detected_right += detected == example.language
        if signals.backend:
            self.backends.add(signals.backend)
        if example.sentiment is not None:
            self.sentiment_labelled += 1
            if signals.sentiment is not None:
                self.sentiment_scored += 1
                self.gold.append(example.sentiment)
                self.predicted.append(signals.sentiment)
                self.polarity_right += polarity(signals.sentiment) == polarity(example.sentiment)
        if example.abusive is not None:
            self.abuse_labelled += 1
            if signals.abuse_flagged is not None:
                self.abuse_supported += 1
                if example.abusive:
                    self.abusive += 1
                    self.caught += bool(signals.abuse_flagged)
                else:
                    self.clean += 1
                    self.false_flags += bool(signals.abuse_flagged)

    def figures(self) -> dict:
        return {
            "texts": self.texts,
            "language_accuracy": _ratio(self.detected_right, self.texts),
            "sentiment_backend": ", ".join(sorted(self.backends)) or None,
            "sentiment_coverage": _ratio(self.sentiment_scored, self.sentiment_labelled),
            "sentiment_correlation": pearson(self.gold, self.predicted),
            "polarity_accuracy": _ratio(self.polarity_right, self.sentiment_scored),
            "abuse_supported": _ratio(self.abuse_supported, self.abuse_labelled),
            "abuse_recall": _ratio(self.caught, self.abusive),
            "abuse_false_flag_rate": _ratio(self.false_flags, self.clean),
            "abusive_texts": self.abusive,
            "clean_texts": self.clean,
        }


def evaluate(examples: list[Example], *, detect: bool = False) -> dict:
    """Figures per language, for all languages, and per abuse category.

    The language column is used as the writer's choice unless ``detect`` is set, when the
    texts are analysed as they would be without one. Language detection accuracy is
    measured either way.
    """
    per_language: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    category_total: dict[str, int] = defaultdict(int)
    category_caught: dict[str, int] = defaultdict(int)
    category_flagged_any: dict[str, int] = defaultdict(int)
    category_false: dict[str, int] = defaultdict(int)
    for example in examples:
        detected = detect_language(example.text)
        signals = analyse_text(example.text, language=None if detect else example.language)
        per_language[example.language or "?"].add(example, signals, detected)
        overall.add(example, signals, detected)
        if signals.abuse_flagged is None:
            continue
        for category in example.categories:
            category_total[category] += 1
            category_caught[category] += category in signals.abuse_categories
            category_flagged_any[category] += bool(signals.abuse_flagged)
        if example.abusive is False:
            for category in signals.abuse_categories:
                category_false[category] += 1
    clean = overall.clean
    categories = {
        category: {
            "labelled": category_total[category],
            "recall": _ratio(category_caught[category], category_total[category]),
            "flagged_any_category": _ratio(
                category_flagged_any[category], category_total[category]
            ),
            "false_flag_rate": _ratio(category_false[category], clean),
        }
        for category in ABUSE_CATEGORIES
    }
    return {
        "languages": {code: tally.figures() for code, tally in sorted(per_language.items())},
        "all": overall.figures(),
        "categories": categories,
    }
