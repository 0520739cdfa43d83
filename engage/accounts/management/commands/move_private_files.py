"""Move private files an older version of Engage wrote under MEDIA_ROOT to PRIVATE_ROOT.

Before issue 11, background exports were written to MEDIA_ROOT/exports/, where the web
server could serve them to anyone with the link. Run this once after upgrading:

    python manage.py move_private_files [--dry-run]

The export jobs keep working: they store only the file name, which does not change.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from engage.privatefiles import move_tree, private_root

#: (old folder under MEDIA_ROOT, new folder under PRIVATE_ROOT)
MOVES = [("exports", "exports")]


class Command(BaseCommand):
    help = "Move private files (old exports) from MEDIA_ROOT to PRIVATE_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be moved.")

    def handle(self, *args, dry_run=False, **options):
        total = 0
        for old, new in MOVES:
            source = Path(settings.MEDIA_ROOT) / old
            target = (
                Path(settings.EXPORT_ROOT)
                if new == "exports" and settings.EXPORT_ROOT
                else private_root() / new
            )
            if dry_run:
                count = (
                    sum(1 for path in source.rglob("*") if path.is_file()) if source.is_dir() else 0
                )
                self.stdout.write(f"Would move {count} files from {source} to {target}.")
                continue
            count = move_tree(source, target)
            total += count
            self.stdout.write(f"Moved {count} files from {source} to {target}.")
        if not dry_run:
            self.stdout.write(self.style.SUCCESS(f"Done: {total} files moved."))
