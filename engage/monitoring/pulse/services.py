"""Writes of cohesion pulse surveys: answering a wave (signed in or with a one-time
link) and issuing batches of one-time links. Views, the admin, commands and the demo
all call these; the paper import lives in `importers.py`."""

import csv
import hashlib
import hmac
import io
import logging
import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.communities.models import Area
from engage.communities.representation import city_area
from engage.policy.services import record_export

from .indicators import INDICATORS, SCALES
from .models import Answer, Channel, LinkBatch, OneTimeLink, Response
from .rules import wave_scopes

audit_log = logging.getLogger("engage.audit")

LINK_SALT = "engage.monitoring.pulse.link"
MAX_LINKS_PER_BATCH = 5000


class PulseError(Exception):
    """An answer that cannot be taken; `message` says why, for the person."""

    def __init__(self, message, code):
        super().__init__(str(message))
        self.message = message
        self.code = code


ALREADY_ANSWERED = "already_answered"
LINK_USED = "link_used"
CLOSED = "closed"


def respondent_areas(wave):
    """The areas a respondent may say they live in: the wave's wards (an area chosen
    with children stands for its children), or every ward of the city."""
    chosen = list(wave.areas.all())
    if not chosen:
        city = city_area()
        chosen = [city] if city is not None else []
    areas = []
    for area in chosen:
        children = list(area.children.all())
        areas.extend(children or [area])
    return sorted({area.pk: area for area in areas}.values(), key=lambda a: a.code)


def questions_of(wave):
    """[(key, label, question text, Scale)] of a wave in order: the standard indicators
    (key = code), then the extra questions (key = "q-<code>")."""
    items = [
        (code, INDICATORS[code].name, INDICATORS[code].question, INDICATORS[code].scale)
        for code in INDICATORS
        if code in wave.indicators
    ]
    for question in wave.questions.all():
        items.append((f"q-{question.code}", question.text, question.text, SCALES[question.scale]))
    return items


def _answer_rows(wave, response, answers):
    extra = {f"q-{question.code}": question for question in wave.questions.all()}
    rows = []
    for key, value in answers.items():
        if not value:
            continue
        if key in extra:
            rows.append(Answer(response=response, question=extra[key], value=value))
        elif key in wave.indicators:
            rows.append(Answer(response=response, indicator=key, value=value))
    return rows


def has_answered(user, wave):
    """Whether a signed-in person has answered this wave."""
    return bool(user.is_authenticated and Response.objects.filter(wave=wave, user=user).exists())


def submit_answers(wave, answers, *, user=None, link=None, area=None, language=""):
    """Save one response to `wave`: `answers` maps question keys (see `questions_of`)
    to scale values (blank: not answered). Exactly one of `user` (signed in) or `link`
    (a `OneTimeLink`, claimed here so it can never be used twice). Raises `PulseError`
    when the wave is closed, the person has answered, or the link was used."""
    if not wave.is_open_on(timezone.localdate()):
        raise PulseError(_("This survey is not taking answers at the moment."), CLOSED)
    if (user is None) == (link is None):
        raise ValueError("give exactly one of user or link")
    if area is not None and not isinstance(area, Area):
        area = Area.objects.filter(pk=area).first()
    try:
        with transaction.atomic():
            if link is not None:
                claimed = OneTimeLink.objects.filter(
                    pk=link.pk, wave=wave, used_at__isnull=True
                ).update(used_at=timezone.now())
                if not claimed:
                    raise PulseError(
                        _("This link has already been used. Each link can be used once."),
                        LINK_USED,
                    )
            response = Response.objects.create(
                wave=wave,
                user=user,
                link=link,
                channel=Channel.SIGNED_IN if user is not None else Channel.LINK,
                area=area,
                language=language,
            )
            Answer.objects.bulk_create(_answer_rows(wave, response, answers))
    except IntegrityError as error:
        raise PulseError(
            _("You have already answered this survey. Thank you for taking part."),
            ALREADY_ANSWERED,
        ) from error
    return response


# --- one-time links ---------------------------------------------------------------------


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def link_token(link, secret):
    """The signed token of a link (what goes in its URL)."""
    return signing.dumps({"l": link.pk, "s": secret}, salt=LINK_SALT)


def link_from_token(token):
    """The `OneTimeLink` a token names, or None when it is forged, altered or unknown.
    A used link is returned too (its `used_at` is set): the view says it was used."""
    try:
        data = signing.loads(token, salt=LINK_SALT)
        pk, secret = int(data["l"]), str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    link = OneTimeLink.objects.select_related("wave").filter(pk=pk).first()
    if link is None or not hmac.compare_digest(link.secret_hash, _hash(secret)):
        return None
    return link


def issue_links(wave, count, issued_to, user, organisation=None):
    """Create `count` one-time links for `wave`, handed out by `issued_to` (a co-design
    session, a partner). Returns (batch, [token]). The tokens exist only in this
    return value (the table keeps hashes), so the caller hands them over at once as a
    CSV, and the issue is recorded as an export (audited)."""
    count = int(count)
    if not 1 <= count <= MAX_LINKS_PER_BATCH:
        raise ValueError(f"count must be between 1 and {MAX_LINKS_PER_BATCH}")
    secrets_ = [secrets.token_urlsafe(16) for _index in range(count)]
    with transaction.atomic():
        batch = LinkBatch.objects.create(
            wave=wave, issued_to=issued_to, organisation=organisation, links=count, created_by=user
        )
        links = OneTimeLink.objects.bulk_create(
            OneTimeLink(batch=batch, wave=wave, secret_hash=_hash(secret)) for secret in secrets_
        )
        record_export(
            user,
            "pulse_answer_links",
            wave_scopes(wave)[0],
            "csv",
            wave=wave.pk,
            batch=batch.pk,
            links=count,
            issued_to=issued_to,
        )
    audit_log.info(
        "pulse links issued: wave=%s batch=%s links=%s user=%s",
        wave.pk,
        batch.pk,
        count,
        getattr(user, "pk", None),
    )
    return batch, [link_token(link, secret) for link, secret in zip(links, secrets_, strict=True)]


def links_csv(tokens, url_for):
    """CSV text of links: a header, then one row per link (number, URL). `url_for`
    turns a token into an absolute URL."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["number", "url"])
    for number, token in enumerate(tokens, start=1):
        writer.writerow([number, url_for(token)])
    return out.getvalue()
