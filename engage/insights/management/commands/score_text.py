"""`python manage.py score_text [--lang CODE] (--file FILE | TEXT...)`

The scoring contract (docs/text-signals.md): one JSON object per text, one per line, in
input order: ``{"language", "sentiment", "backend", "abuse": {"flagged", "categories"}}``.
``--file`` reads UTF-8, one text per line; a blank line gives an object with every value
null; a literal ``\\n`` in a line stands for a newline. ``--file -`` reads standard input.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.insights.analysis import analyse_text, normalise_language
from engage.insights.language import is_known_language


def read_texts(path: str) -> list[str]:
    """The texts in ``path`` (UTF-8, one per line, ``\\n`` escapes), or CommandError."""
    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                raw = handle.read()
    except OSError as error:
        raise CommandError(
            _("Cannot read %(path)s: %(reason)s.")
            % {"path": path, "reason": error.strerror or error}
        ) from error
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CommandError(
            _(
                "%(path)s is not valid UTF-8 (line %(line)s, byte %(byte)s); "
                "save it as UTF-8 and try again."
            )
            % {"path": path, "line": line, "byte": error.start}
        ) from error
    # Lines end at "\n" only (a trailing "\r" is dropped): other Unicode line separators
    # inside a text do not split it, so the output has one object per line of the file.
    lines = content.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r").replace("\\n", "\n") for line in lines]


class Command(BaseCommand):
    help = (
        "Print the language, sentiment and abuse signals of each text as one JSON object "
        "per line, in input order."
    )
    # Scoring touches no database, URL or template: skip the system checks, start fast.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("texts", nargs="*", metavar="TEXT", help="Texts to score.")
        parser.add_argument(
            "--file", help="A UTF-8 file with one text per line ('-' for standard input)."
        )
        parser.add_argument(
            "--lang", help="Treat every text as this language (ISO 639-1) instead of detecting it."
        )

    def handle(self, *args, **options):
        texts = options["texts"]
        path = options["file"]
        if path and texts:
            raise CommandError(_("Give either --file or texts on the command line, not both."))
        if not path and not texts:
            raise CommandError(
                _("Nothing to score: give texts on the command line or --file FILE.")
            )
        language = None
        if options["lang"] is not None:
            language = normalise_language(options["lang"])
            if not language or not is_known_language(language):
                raise CommandError(
                    _(
                        "Unknown language code '%(code)s': use an ISO 639-1 code such as "
                        "en, fr or ar."
                    )
                    % {"code": options["lang"]}
                )
        if path:
            texts = read_texts(path)
        for text in texts:
            signals = analyse_text(text, language=language, unavailable_as_unscored=True)
            self.stdout.write(json.dumps(signals.as_contract(), ensure_ascii=False))
