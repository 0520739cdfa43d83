"""Write the glossary as CSV or SKOS (Turtle, JSON-LD):

    manage.py export_glossary --format csv|ttl|jsonld [--output FILE] [--status agreed ...]

Without --output the file goes to standard output. Recorded in the glossary audit trail."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ... import interchange
from ...models import AuditEntry, TermStatus
from ...services.common import audit


class Command(BaseCommand):
    help = "Export the glossary as CSV, SKOS Turtle or SKOS JSON-LD."

    def add_arguments(self, parser):
        parser.add_argument("--format", dest="fmt", choices=interchange.FORMATS, default="csv")
        parser.add_argument("--output", "-o", help="The file to write (default: standard output).")
        parser.add_argument(
            "--status",
            action="append",
            choices=TermStatus.values,
            help="Only terms with this status (repeat for several; default: all).",
        )

    def handle(self, *args, fmt, output=None, status=None, **options):
        text = interchange.export_text(fmt, status)
        audit(None, AuditEntry.Action.EXPORTED, key="*", format=fmt, via="command")
        if output:
            try:
                Path(output).write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(
                    _("Could not write %(file)s (%(problem)s).")
                    % {"file": output, "problem": error}
                ) from error
        else:
            self.stdout.write(text, ending="")
