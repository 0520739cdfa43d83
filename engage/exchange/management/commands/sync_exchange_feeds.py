"""`python manage.py sync_exchange_feeds [--city CITY]`"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from engage.exchange.feeds import sync_all, sync_city
from engage.exchange.models import TrustedCity


class Command(BaseCommand):
    help = (
        "Fetch the feeds of the subscribed cities (with a timeout and a size limit), "
        "verify their packages and stage the new items for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("--city", help="Only this trusted city (short name or id).")

    def handle(self, *args, **options):
        if options["city"]:
            city = TrustedCity.objects.named(options["city"]).exclude(feed_url="").first()
            if city is None:
                raise CommandError(
                    _("No trusted city with a feed is called %(city)s.") % {"city": options["city"]}
                )
            results = [sync_city(city)]
        else:
            results = sync_all()
        failed = False
        for result in results:
            self.stdout.write(
                _("%(city)s: %(packages)s new package(s), %(staged)s item(s) staged.")
                % {"city": result.city.name, "packages": result.packages, "staged": result.staged}
            )
            for error in result.errors:
                failed = True
                self.stderr.write(f"  {error}")
        if failed:
            raise CommandError(_("Some feeds could not be synchronised (see above)."))
