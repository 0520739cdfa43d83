"""`python manage.py analyse_texts [--since DATE] [--backend NAME] [--kind KIND]`

Analyses registered resident texts again, in batches, through the same write path as
the background task (`engage.insights.services.analyse_instances`, with `force`): after
a lexicon or backend upgrade, after configuring a city's model server, or to catch up
on texts whose analysis failed. A text already flagged is not sent to the moderation
queue again unless its text changed.

- `--since DATE` (YYYY-MM-DD): only texts written on or after that day;
- `--kind KIND`: one kind of text (`comment`, `post`…; repeatable);
- `--backend NAME`: only texts in a language that sentiment backend scores (and texts
  whose language is not known yet), e.g. `--backend http` after pointing the model
  server at Arabic;
- `--batch-size N` (default 200).

Progress goes to stderr; the summary to stdout. The run is resumable: after every
batch its position is saved (`AnalysisRun`), and running the command again with the
same options continues after the last finished batch (`--restart` starts over).
"""

import datetime
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.insights import registry, services
from engage.insights.models import AnalysisRun, TextAnalysis
from engage.insights.sentiment import available_backends, get_backend


class Progress:
    """A one-line progress bar on a stream (stderr), redrawn at most 10 times a second."""

    def __init__(self, total, stream, width=30):
        self.total, self.stream, self.width = total, stream, width
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0

    def advance(self, count):
        self.done += count
        now = time.monotonic()
        if now - self.drawn_at >= 0.1 or self.done >= self.total:
            self.draw(now)

    def draw(self, now=None):
        now = now or time.monotonic()
        self.drawn_at = now
        share = self.done / self.total if self.total else 1.0
        filled = int(self.width * min(share, 1.0))
        rate = self.done / max(now - self.started, 1e-6)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
            f"{self.done}/{self.total} ({share:.0%}, {rate:.0f} texts/s)"
        )
        self.stream.flush()

    def close(self):
        self.draw()
        self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Analyse resident texts again (language, sentiment, abuse signals), in batches."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="Only texts written on or after this day (YYYY-MM-DD).")
        parser.add_argument(
            "--kind",
            action="append",
            help="Only this kind of text (repeatable). Kinds: " + ", ".join(registry.kinds()),
        )
        parser.add_argument(
            "--backend", help="Only texts in the languages this sentiment backend scores."
        )
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument(
            "--restart", action="store_true", help="Start over instead of resuming."
        )

    def handle(self, *args, since=None, kind=None, backend=None, batch_size=200, **options):
        since_day = self._since(since)
        kinds = self._kinds(kind)
        languages = self._languages(backend)
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        run = self._run(
            {"since": since, "kinds": kinds, "backend": backend}, restart=options["restart"]
        )
        plan = [
            (target, self._items(target, since_day, languages))
            for target in registry.targets(kinds)
        ]
        total = sum(self._remaining(run, target, items).count() for target, items in plan)
        stream = getattr(self.stderr, "_out", sys.stderr)
        progress = Progress(total, stream) if options.get("verbosity", 1) > 0 else None
        if run.kind:
            self.stderr.write(
                f"Resuming the run of {run.started_at:%Y-%m-%d %H:%M} after {run.kind} {run.last_pk}."
            )
        analysed = 0
        for target, items in plan:
            remaining = self._remaining(run, target, items)
            while True:
                batch = list(remaining.filter(pk__gt=self._after(run, target))[:batch_size])
                if not batch:
                    break
                analysed += services.analyse_instances(target, batch, force=True)
                run.kind, run.last_pk = target.kind, batch[-1].pk
                run.analysed += len(batch)
                run.save(update_fields=["kind", "last_pk", "analysed"])
                if progress:
                    progress.advance(len(batch))
        if progress:
            progress.close()
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        if options.get("verbosity", 1) > 0:
            self.stdout.write(
                f"Analysed {analysed} texts ({run.analysed} in this run, {total} this time)."
            )

    # Options ------------------------------------------------------------------------

    def _since(self, since):
        if not since:
            return None
        try:
            day = datetime.date.fromisoformat(since)
        except ValueError:
            raise CommandError(
                _("--since '%(value)s' is not a date. Write it as YYYY-MM-DD.") % {"value": since}
            ) from None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    def _kinds(self, kinds):
        known = registry.kinds()
        unknown = [name for name in kinds or () if name not in known]
        if unknown:
            raise CommandError(
                _("Unknown kind '%(kind)s'. Kinds of text: %(known)s.")
                % {"kind": unknown[0], "known": ", ".join(known)}
            )
        return sorted(set(kinds)) if kinds else known

    def _languages(self, name):
        if not name:
            return None
        backend = get_backend(name)
        if backend is None:
            configured = ", ".join(
                f"{b.name} ({', '.join(sorted(b.languages))})" for b in available_backends()
            )
            raise CommandError(
                _("No sentiment backend '%(name)s' is configured. Configured backends: %(list)s.")
                % {"name": name, "list": configured or _("none")}
            )
        return sorted(backend.languages)

    # The run and its checkpoint -----------------------------------------------------

    def _run(self, options, restart):
        unfinished = AnalysisRun.objects.filter(finished_at__isnull=True, options=options)
        if restart:
            unfinished.update(finished_at=timezone.now())
        run = None if restart else unfinished.order_by("-started_at", "-pk").first()
        return run or AnalysisRun.objects.create(options=options)

    def _items(self, target, since, languages):
        items = target.all()
        if since is not None:
            items = items.filter(**{f"{target.created_field}__gte": since})
        if languages is not None:
            # Texts known to be in another language are left alone.
            other_language = TextAnalysis.objects.filter(
                kind=target.kind, object_id=OuterRef("pk"), language__isnull=False
            ).exclude(language__in=languages)
            items = items.exclude(Exists(other_language))
        return items

    def _after(self, run, target):
        return run.last_pk if run.kind == target.kind else 0

    def _remaining(self, run, target, items):
        """The items this run has not done yet: none of a kind it finished, those after
        the checkpoint of the kind it stopped in."""
        if run.kind and target.kind < run.kind:
            return items.none()
        return items.filter(pk__gt=self._after(run, target))
