"""`python manage.py import_pulse_answers --wave ID FILE.csv`

The column format is documented in `engage.monitoring.pulse.importers` and in
docs/monitoring.md.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.monitoring.pulse.importers import import_pulse_answers
from engage.monitoring.pulse.models import Wave


class Command(BaseCommand):
    help = (
        "Import paper answers into a pulse survey wave: one row per form; columns area, "
        "the wave's question codes (get_on_well, trust, q-<code>…) and group:<dimension>. "
        "Nothing is imported if any row has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument("--wave", required=True, type=int, help="The wave's id.")

    def handle(self, *args, **options):
        wave = Wave.objects.filter(pk=options["wave"]).first()
        if wave is None:
            raise CommandError(
                _("There is no pulse survey wave %(id)s. The id is shown in the admin.")
                % {"id": options["wave"]}
            )
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file at %(path)s. Check the path.") % {"path": path})
        result = import_pulse_answers(wave, path, file_name=path.name)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(f"{path.name}: {error}")
            raise CommandError(
                _("Nothing was imported: %(count)s problem(s). Fix them and run the import again.")
                % {"count": len(result.errors)}
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported %(responses)s paper responses (%(answers)s answers, "
                    "%(declarations)s group declarations) into “%(wave)s”."
                )
                % {**result.created, "wave": wave.title}
            )
        )
