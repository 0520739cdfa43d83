"""`python manage.py evaluate_signals FILE.csv [--detect] [--json]`

Measures the text signals on labelled texts (columns ``text,language,sentiment,abusive``)
and prints, per language and per abuse category: language detection accuracy, the share
scored, the correlation with the gold sentiment, polarity accuracy (neutral band ±0.05),
abuse recall and false-flag rate. The shipped data: engage/insights/evaluation/*.csv.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.insights.evaluation.metrics import EvaluationError, evaluate, read_examples

LANGUAGE_COLUMNS = [
    ("texts", "texts"),
    ("language_accuracy", "lang acc"),
    ("sentiment_coverage", "scored"),
    ("sentiment_correlation", "corr"),
    ("polarity_accuracy", "polarity"),
    ("abuse_supported", "abuse sup"),
    ("abuse_recall", "recall"),
    ("abuse_false_flag_rate", "false flags"),
    ("sentiment_backend", "backend"),
]
CATEGORY_COLUMNS = [
    ("labelled", "labelled"),
    ("recall", "recall"),
    ("flagged_any_category", "flagged"),
    ("false_flag_rate", "false flags"),
]


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def table(title: str, rows: dict, columns) -> list[str]:
    header = [title] + [label for _key, label in columns]
    body = [[name] + [_cell(row[key]) for key, _label in columns] for name, row in rows.items()]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [header, *body]
    ]


class Command(BaseCommand):
    help = "Measure language, sentiment and abuse signals on a labelled CSV file."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV with columns text,language,sentiment,abusive.")
        parser.add_argument(
            "--detect",
            action="store_true",
            help="Detect each text's language instead of using the language column.",
        )
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8-sig", newline="") as handle:
                examples = read_examples(handle)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.")
                % {"path": options["file"], "reason": error.strerror or error}
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                _("%(path)s is not valid UTF-8: save it as UTF-8 and try again.")
                % {"path": options["file"]}
            ) from error
        except EvaluationError as error:
            raise CommandError(str(error)) from error
        if not examples:
            raise CommandError(
                _("%(path)s has no rows to evaluate: give it a header line and one row per text.")
                % {"path": options["file"]}
            )
        figures = evaluate(examples, detect=options["detect"])
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=2))
            return
        rows = dict(figures["languages"])
        rows["all"] = figures["all"]
        lines = table("language", rows, LANGUAGE_COLUMNS)
        lines += ["", *table("category", figures["categories"], CATEGORY_COLUMNS)]
        lines += [
            "",
            "Neutral band: scores in [-0.05, 0.05] count as neutral; – = nothing to measure.",
        ]
        self.stdout.write("\n".join(lines))
