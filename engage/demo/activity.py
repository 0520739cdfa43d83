"""What the demo loaders of resident activity share (comments on consultations,
forum threads, co-design sessions): who wrote it, when, in which language, and the
text as every resident text is checked.

In the data, an author written `p17` is fictional participant 17 (the address pattern
`participant_email` of the file, as in consultations/demo/consultations.yaml); anything
else is the email of a demo account. Times are `days_ago` and `at` ("HH:MM", local).
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
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
