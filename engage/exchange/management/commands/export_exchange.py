"""`python manage.py export_exchange --what glossary|aggregates|guides|impact_templates
[--what ...] --to FILE [--format json|csv] [--since DATE] [--until DATE] [--area CODE]`"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from engage.exchange import services
from engage.exchange.package import item_count
from engage.exchange.registry import ExportOptions, kinds
from engage.exchange.signing import city_public_key, fingerprint, new_private_key_text


class Command(BaseCommand):
    help = (
        "Write a signed exchange package for other cities (docs/exchange.md): the JSON "
        "package, or with --format csv a ZIP of one CSV per kind with a detached signature."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--what", action="append", default=[], help="A kind to include; repeat for more."
        )
        parser.add_argument("--to", help="The file to write.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--since", default="", help="YYYY-MM-DD: aggregates from this day.")
        parser.add_argument("--until", default="", help="YYYY-MM-DD: aggregates before this day.")
        parser.add_argument(
            "--area", action="append", default=[], help="An area code whose aggregates to add."
        )
        parser.add_argument(
            "--as", dest="as_user", default="", help="Email of the staff member exporting (audit)."
        )
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="Print a new private key for EXCHANGE_SIGNING_KEY.",
        )

    def handle(self, *args, **options):
        if options["new_key"]:
            self.stdout.write(new_private_key_text())
            return
        known = [kind.code for kind in kinds()]
        if not options["what"] or not options["to"]:
            raise CommandError(_("Give at least one --what and the --to file."))
        unknown = [code for code in options["what"] if code not in known]
        if unknown:
            raise CommandError(
                _("Unknown kind(s): %(unknown)s. Choose from: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": ", ".join(known)}
            )
        for name in ("since", "until"):
            if options[name] and parse_date(options[name]) is None:
                raise CommandError(_("Write --%(name)s as YYYY-MM-DD.") % {"name": name})
        user = None
        if options["as_user"]:
            user = get_user_model().objects.filter(email__iexact=options["as_user"]).first()
            if user is None:
                raise CommandError(
                    _("No account has the email %(email)s.") % {"email": options["as_user"]}
                )
        export_options = ExportOptions(
            since=options["since"],
            until=options["until"],
            scopes=tuple(f"area:{code}" for code in options["area"]),
        )
        try:
            package, data = services.export_package(
                options["what"],
                user=user,
                export_format=options["format"],
                options=export_options,
                via="command",
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        Path(options["to"]).write_bytes(data)
        self.stdout.write(
            _("Wrote package %(id)s (%(items)s items) to %(file)s, signed by key %(fingerprint)s.")
            % {
                "id": package["package_id"],
                "items": item_count(package),
                "file": options["to"],
                "fingerprint": fingerprint(city_public_key()),
            }
        )
