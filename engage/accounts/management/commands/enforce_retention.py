"""Apply the retention rules now (the daily task does the same):

    python manage.py enforce_retention [--only KEY ...]

Prints each rule's key and how many rows were deleted or anonymised. docs/privacy.md
lists the rules.
"""

from django.core.management.base import BaseCommand, CommandError

from engage.accounts.privacy import deletion, exports, registry, retention


class Command(BaseCommand):
    help = "Carry out due account deletions and apply every retention rule."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", default=None, help="Rule keys to apply.")

    def handle(self, *args, only=None, **options):
        known = {rule.key for rule in registry.retention_rules()}
        unknown = sorted(set(only or ()) - known)
        if unknown:
            raise CommandError(
                f"There is no retention rule {', '.join(unknown)}. "
                f"Known rules: {', '.join(sorted(known))}."
            )
        if not only:
            self.stdout.write(f"deletions carried out: {deletion.execute_due_deletions()}")
            self.stdout.write(f"expired downloads: {exports.purge_expired()}")
        for key, count in retention.enforce_retention(only=only).items():
            self.stdout.write(f"{key}: {'failed' if count is None else count}")
