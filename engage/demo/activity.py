"""What the demo loaders of resident activity share (comments on consultations,
forum threads, co-design sessions): who wrote it, when, in which language, and the
text as every resident text is checked.

In the data, an author written `p17` is fictional participant 17 (the address pattern
`participant_email` of the file, as in consultations/demo/consultations.yaml); anything
else is the email of a demo account. Times are `days_ago` and `at` ("HH:MM", local).
"""

import datetime
import zoneinfo
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.communities import report_cache
from engage.communities.models import Participation
from engage.moderation.content import ContentStatus
from engage.moderation.text import clean_comment_text

from .data import local_time

#: The statuses demo content may start with.
STATUSES = {"published": ContentStatus.PUBLISHED, "pending": ContentStatus.PENDING}


class People:
    """Accounts named in a data file: collect the names while reading (`email`), then
    load them all at once (`resolve`); an unknown one is an error naming its key."""

    def __init__(self, email_node):
        self.template = email_node.str()
        if "{n}" not in self.template:
            raise email_node.error(_("the address must contain {n}, the participant's number"))
        self.wanted = {}
        self.users = {}

    def email(self, node):
        """The email `node` names, remembered for `resolve`."""
        name = node.str()
        if name.startswith("p") and name[1:].isdigit():
            name = self.template.replace("{n}", name[1:])
        self.wanted.setdefault(name, node)
        return name

    def resolve(self):
        self.users = {user.email: user for user in User.objects.filter(email__in=self.wanted)}
        for email, node in self.wanted.items():
            if email not in self.users:
                raise node.error(_("no account with the address “%(email)s”") % {"email": email})

    def __getitem__(self, email):
        return self.users[email]


def posted_at(node, after=None):
    """When something was written: `days_ago` at `at` (local time), never in the future
    and never before `after` (the comment it answers)."""
    days = node["days_ago"].int()
    if days < 0:
        raise node["days_ago"].error(_("expected a number from 0 up"))
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    day = timezone.localdate() - datetime.timedelta(days=days)
    moment = datetime.datetime.combine(day, local_time(node["at"]), tzinfo=zone)
    moment = min(moment, timezone.now() - datetime.timedelta(minutes=5))
    if after is not None:
        moment = max(moment, after + datetime.timedelta(minutes=3))
    return moment


def language(node):
    """The language a text is written in: one of the site's languages."""
    return node.choice({code: code for code, _name in settings.LANGUAGES})


def resident_text(node):
    """(text, safe HTML), checked as every resident text is (`clean_comment_text`)."""
    try:
        return clean_comment_text(node.str())
    except ValidationError as error:
        raise node.error(error.messages[0]) from None


def status(node):
    """published (the default) or pending: waiting in the moderation queue."""
    return node.get("status", "published").choice(STATUSES)


def record_many(action, entries, area=None):
    """`record_participation` for many people at once: `entries` is [(user, [scopes])].

    The same rows as one call per person would give (one ledger row per person and
    scope, `action` ORed in, the area kept when already set, the cached reports of the
    scopes dropped after commit), in one INSERT and one UPDATE per scope instead of two
    queries per person: the demo's hundreds of reactions and answers would otherwise be
    most of `seed_demo`'s time."""
    by_scope = defaultdict(set)
    for user, scopes in entries:
        for scope in scopes:
            by_scope[scope].add(user.pk)
    if not by_scope:
        return
    now = timezone.now()
    Participation.objects.bulk_create(
        [
            Participation(
                user_id=user_id,
                scope_type=scope.kind,
                scope_id=scope.key,
                area=area,
                actions=0,
                first_at=now,
                last_at=now,
            )
            for scope, user_ids in by_scope.items()
            for user_id in user_ids
        ],
        ignore_conflicts=True,
    )
    changes = {"actions": F("actions").bitor(int(action)), "last_at": now}
    if area is not None:
        changes["area"] = Coalesce(F("area"), Value(area.pk), output_field=BigIntegerField())
    for scope, user_ids in by_scope.items():
        Participation.objects.filter(
            scope_type=scope.kind, scope_id=scope.key, user_id__in=user_ids
        ).update(**changes)
    report_cache.invalidate_on_commit(list(by_scope), area)
