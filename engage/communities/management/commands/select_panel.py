"""Draw a co-design panel by lot from CSV files.

    python manage.py select_panel --pool POOL.csv --quotas QUOTAS.csv --size N
        [--algorithm maximin|nash|leximin|legacy] [--seed S] [--probabilities]

The pool has an `id` column and a column per feature; the quotas have the columns
`feature,value,min,max`. Prints the selected ids, one per line, or with --probabilities
a CSV `id,probability` for every volunteer. The seed (and, for legacy, how the
probabilities were estimated) goes to stderr so stdout stays machine-readable. Bad files
and impossible quotas exit non-zero with the explanation on stderr.
"""

import csv

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.communities import panels


class Command(BaseCommand):
    # Plain strings: argparse formats help text before any language is active.
    help = "Draw a panel of volunteers by lot that meets quotas, using a fair algorithm."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pool", required=True, help=_("CSV: an id column, a column per feature.")
        )
        parser.add_argument("--quotas", required=True, help=_("CSV: feature,value,min,max."))
        parser.add_argument("--size", required=True, type=int, help=_("Number of places."))
        parser.add_argument(
            "--algorithm",
            choices=panels.ALGORITHMS,
            default=panels.DEFAULT_ALGORITHM,
            help=_("maximin (default) or nash; leximin needs Gurobi; legacy only on request."),
        )
        parser.add_argument("--seed", type=int, help=_("Repeat an earlier draw with its seed."))
        parser.add_argument(
            "--probabilities",
            action="store_true",
            help=_("Print id,probability for every volunteer instead of the selected ids."),
        )

    def handle(self, *args, **options):
        try:
            pool = self._read(options["pool"], panels.read_pool_csv)
            quotas = self._read(options["quotas"], panels.read_quotas_csv)
            draw = panels.select_panel(
                pool,
                quotas,
                options["size"],
                algorithm=options["algorithm"],
                seed=options["seed"],
                legacy_estimate_draws=(
                    panels.LEGACY_ESTIMATE_DRAWS if options["probabilities"] else 0
                ),
            )
        except panels.PanelError as error:
            raise CommandError("\n".join(error.messages)) from error

        if options["probabilities"]:
            self._write_probabilities(pool, draw)
        else:
            for volunteer_id in draw.selected:
                self.stdout.write(volunteer_id)
        self.stderr.write(
            _("Seed: %(seed)s (run again with --seed %(seed)s to repeat this draw).")
            % {"seed": draw.seed}
        )

    def _read(self, path, reader):
        try:
            with open(path, "rb") as file:
                data = file.read()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s") % {"path": path, "reason": error.strerror}
            ) from error
        return reader(data)

    def _write_probabilities(self, pool, draw):
        if draw.probabilities is None:
            raise CommandError(_("Selection probabilities are not available for this draw."))
        if draw.probability_method == "estimated":
            self.stderr.write(
                _(
                    "The legacy method has no exact probabilities; these are estimated from "
                    "%(draws)s repeated draws."
                )
                % {"draws": draw.estimate_draws}
            )
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["id", "probability"])
        for volunteer in pool:
            volunteer_id = volunteer.id.strip()
            writer.writerow([volunteer_id, f"{draw.probabilities[volunteer_id]:.6f}"])
