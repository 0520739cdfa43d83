"""`python manage.py import_exchange FILE --from CITY`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.exchange import services
from engage.exchange.models import TrustedCity
from engage.exchange.package import PackageError


class Command(BaseCommand):
    help = (
        "Verify a package from a trusted city (its signature, format version and schema) "
        "and stage its items for review in the admin. Nothing is used before staff accept it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The package (.json).")
        parser.add_argument(
            "--from", dest="city", required=True, help="The trusted city's short name or id."
        )

    def handle(self, *args, **options):
        city = TrustedCity.objects.named(options["city"]).first()
        if city is None:
            raise CommandError(
                _(
                    "No trusted city is called %(city)s. Add it in the admin (Exchange: "
                    "trusted cities) with its key fingerprint first."
                )
                % {"city": options["city"]}
            )
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("%(file)s cannot be read: %(error)s") % {"file": path, "error": error.strerror}
            ) from error
        try:
            result = services.stage_package(data, city, source=path.name)
        except PackageError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _(
                "Package %(id)s from %(city)s: %(staged)s item(s) staged for review, "
                "%(unchanged)s already known, %(skipped)s of kinds this Engage does not take."
            )
            % {
                "id": result.package_id,
                "city": city.name,
                "staged": len(result.staged),
                "unchanged": result.unchanged,
                "skipped": result.skipped,
            }
        )
