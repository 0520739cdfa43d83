"""Create the demo city, Northbridge: pages, community groups, a baseline and accounts.

The content is data: each app keeps YAML files in its `demo/` folder and a loader
beside them (`<app>/demo/__init__.py` or `engage/demo/northbridge.py`, each with
`load_demo(data_dir, context)`). This command runs the loaders in the order of
`LOADERS`, in one transaction, and prints what was created. docs/demo.md explains how
to extend or translate the data.

The order is a plain list here rather than a registry filled in `AppConfig.ready()`:
the steps depend on each other (accounts before the forum claims that name them,
consultations before their sessions and surveys), and a list at project level shows
that order in one place; `engage/` itself stays free of imports of the feature apps.

Idempotent: run it again and nothing is duplicated; what exists is kept as it is (an
edited demo page is not overwritten). Every demo account has the password in
engage/demo/northbridge.yaml (`engage-demo`) and a verified email address.
"""

from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import get_resolver
from django.utils import translation
from django.utils.translation import gettext as _

from consultations.models import ConsultationPage
from engage.accounts.models import User
from engage.communities.models import Category
from engage.demo.data import DemoContext, DemoDataError, read
from engage.demo.northbridge import DATA_FILE as CITY_FILE
from forums.models import ForumPage

# Modules with `load_demo(data_dir, context)`, run in this order; each reads the YAML
# files in its own folder.
LOADERS = [
    "engage.demo.northbridge",  # area, wards, community groups, baseline, accounts, partners
    "engage.policy.demo",  # information-sharing agreements behind the partners' grants
    "home.demo",  # home page, default site, standard pages
    "home.guides.demo",  # discussion guides
    "consultations.demo",  # consultation index, consultations, fictional participants
    "consultations.demo.images",  # the consultations' pictures
    "forums.demo",  # forum index, forums, topics, a fact-checked claim
    "forums.demo.threads",  # more claims and fact-checks, discussions, replies
    "consultations.engagement.demo",  # surveys
    "consultations.demo.activity",  # proposals, comments, reactions, answers, a report
    "consultations.codesign.demo",  # co-design sessions, invitations, notes
    "consultations.codesign.demo.history",  # a past session, its published brief
    "consultations.following.demo",  # policy areas, published outcomes
    "engage.opinions.demo",  # an opinion map with statements and votes
    "engage.monitoring.incidents.demo",  # incident reports, recorded crime
    "engage.monitoring.pulse.demo",  # cohesion pulse waves and answers
    "engage.monitoring.tension.demo",  # partners' tension assessments
    "engage.monitoring.alerts.demo",  # early-warning rules and an alert
    "engage.impact.demo",  # a 360° impact assessment signed by a community leader
    "consultations.cohesion.demo",  # cohesion and polarisation sections
    "engage.policy.glossary.demo",  # glossary terms, partners' endorsements
    "engage.exchange.demo",  # a trusted neighbouring city, a package to review
    "engage.moderation.demo",  # last: queue items wait from when their content was written
]


def data_dir(module):
    return Path(module.__file__).resolve().parent


class Command(BaseCommand):
    help = "Create the Northbridge demo city (idempotent: re-running duplicates nothing)."

    def handle(self, *args, **options):
        context = DemoContext()
        # Wagtail's admin registers its models for the reference index (the admin's
        # "usage" counts) when the URLconf loads; load it first, so that everything
        # created here is indexed, whichever loader creates it.
        get_resolver().url_patterns  # noqa: B018 -- loaded for its side effect
        try:
            with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
                for name in LOADERS:
                    module = import_module(name)
                    module.load_demo(data_dir(module), context)
        except DemoDataError as error:
            raise CommandError(
                _("The demo data has a problem, nothing was saved: %(error)s") % {"error": error}
            ) from None
        self.print_summary(context.created)

    def print_summary(self, created):
        counts = {}
        for kind, _label in created:
            counts[kind] = counts.get(kind, 0) + 1
        if counts:
            made = ", ".join(f"{kind} ×{count}" for kind, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Northbridge demo city: created {made}."))
        else:
            self.stdout.write("Northbridge demo city: already in place, nothing to create.")
        self.stdout.write(
            f"  {ConsultationPage.objects.live().count()} consultations, "
            f"{ForumPage.objects.live().count()} forums, "
            f"{Category.objects.count()} community groups, "
            f"{User.objects.count()} accounts."
        )
        city = read(data_dir(import_module(LOADERS[0])), CITY_FILE)
        logins = [account["email"].str() for account in city["accounts"].list()]
        self.stdout.write(
            f"  Log in as {list_of_logins(logins)} with the password {city['password'].str()}."
        )


def list_of_logins(emails):
    """ "a@, b@ or c@example.org" when the addresses share a domain, else all in full."""
    domains = {email.partition("@")[2] for email in emails}
    if len(emails) < 2 or len(domains) != 1:
        return ", ".join(emails)
    names = [f"{email.partition('@')[0]}@" for email in emails]
    return f"{', '.join(names[:-1])} or {names[-1]}{domains.pop()}"
