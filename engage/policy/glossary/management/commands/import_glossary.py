"""Read a glossary file (CSV, SKOS Turtle or SKOS JSON-LD) into this glossary:

    manage.py import_glossary FILE [--format csv|ttl|jsonld] [--keep-status]

New terms are created (as proposed, unless --keep-status restores the statuses in the
file: only for this city's own glossary). A term whose key exists here is never
changed: identical ones are reported as such, different ones as conflicts, with what to
do; the command then exits with status 1."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from ... import interchange


class Command(BaseCommand):
    help = "Import glossary terms from CSV or SKOS; never overwrites a local term."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", dest="fmt", choices=interchange.FORMATS)
        parser.add_argument(
            "--keep-status",
            action="store_true",
            help="Keep the statuses and agreement in the file (restoring this city's own glossary).",
        )

    def handle(self, *args, file, fmt=None, keep_status=False, **options):
        path = Path(file)
        try:
            fmt = fmt or interchange.format_of(path.name)
            text = path.read_text(encoding="utf-8")
            items = interchange.read_items(text, fmt)
        except OSError as error:
            raise CommandError(
                _("Could not read %(file)s (%(problem)s).") % {"file": file, "problem": error}
            ) from error
        except UnicodeDecodeError as error:
            raise CommandError(
                _("The file is not UTF-8 text: save it as UTF-8 and try again.")
            ) from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        report = interchange.import_items(
            items,
            keep_status=keep_status,
            origin={"kind": "file", "file": path.name, "imported_at": timezone.now().isoformat()},
        )
        self.stdout.write(
            _(
                "%(created)s created, %(unchanged)s already here and identical, %(conflicts)s in conflict."
            )
            % {
                "created": len(report.created),
                "unchanged": len(report.unchanged),
                "conflicts": len(report.conflicts),
            }
        )
        for _key, message in report.conflicts:
            self.stderr.write(message)
        for message in report.errors:
            self.stderr.write(message)
        for key, missing in report.missing_related:
            self.stderr.write(
                _("%(key)s: related terms not in this glossary, not linked: %(missing)s")
                % {"key": key, "missing": ", ".join(missing)}
            )
        if not report.ok:
            raise CommandError(_("Some terms were not imported (see above); the others were."))
