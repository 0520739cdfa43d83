"""Co-design sessions, who is coming to them, and what they decided.

- `CoDesignSession`: the meeting itself, in a room or online, where community leaders
  and residents frame a consultation with the city (key action 1). A snippet staff edit
  in the admin (`wagtail_hooks.py`), with its own switches (invitation only, places
  drawn by lot). It moved here from `consultations`; its table kept its name;
- `Invitation`: to an account, or to an email address not yet registered (it attaches
  to the account that later signs up or logs in with that address);
- `Rsvp`: one row per person and session: a confirmed place, the waiting list, a
  cancellation or a declined invitation, with access needs and interpretation asked for,
  and the attendance staff record afterwards;
- `SessionNote` (notes and decisions) and `AgreedAction` (who does what by when),
  written by staff and visible to participants.

All writes go through `consultations.codesign.services`; permissions live in
`consultations.codesign.rules`.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from .validators import split_codes, validate_language_codes, validate_time_zone

# Access needs are a few sentences; longer text belongs in a conversation with staff.
ACCESS_NEEDS_MAX_LENGTH = 1000


def new_token():
    return secrets.token_urlsafe(24)


class CoDesignSessionQuerySet(models.QuerySet):
    """Reads of sessions: `CoDesignSession.objects.visible().upcoming()`."""

    def upcoming(self, moment=None):
        """Sessions that have not ended yet, soonest first."""
        return self.filter(ends_at__gt=moment or timezone.now()).order_by("starts_at")

    def visible(self):
        """Sessions residents may see: unlinked, or linked to a published consultation."""
        return self.filter(models.Q(consultation__isnull=True) | models.Q(consultation__live=True))


class CoDesignSession(index.Indexed, models.Model):
    """A co-design session where community leaders and residents frame a consultation.

    Times are stored in UTC; `time_zone` is where the session happens, so the page can
    show local times to people joining from elsewhere.
    """

    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), help_text=_("What the session will decide or shape."))
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="codesign_sessions",
        verbose_name=_("consultation"),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Where the session happens, for example Europe/London."),
    )
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("The venue and address.")
    )
    online_url = models.URLField(_("online meeting link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty if there is no limit.")
    )
    languages = models.CharField(
        _("languages offered"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Comma-separated language codes, for example: en, ar, fr."),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, hearing loops, interpreters, childcare, breaks…"),
    )
    interpretation = models.CharField(
        _("interpretation offered"),
        max_length=100,
        blank=True,
        validators=[validate_language_codes],
        help_text=_(
            "Comma-separated codes of the languages interpreters will cover, including sign "
            "languages, for example: ar, so, bfi."
        ),
    )
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("One item per line, with times if you have them.")
    )
    invitation_only = models.BooleanField(
        _("by invitation only"),
        default=False,
        help_text=_("Only people invited to this session may ask for a place."),
    )
    places_by_lot = models.BooleanField(
        _("places drawn by lot"),
        default=False,
        help_text=_(
            "Everyone who asks for a place volunteers; staff then draw a panel that mirrors "
            "the city."
        ),
    )

    objects = CoDesignSessionQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("purpose"),
        FieldPanel("consultation"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("online_url"), FieldPanel("capacity")],
            heading=_("Where"),
        ),
        FieldPanel("languages"),
        FieldPanel("interpretation"),
        FieldPanel("accessibility"),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [FieldPanel("invitation_only"), FieldPanel("places_by_lot")],
            heading=_("Who may come"),
        ),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("purpose")]

    class Meta:
        # The table kept its name when the model moved here from `consultations`.
        db_table = "consultations_codesignsession"
        ordering = ["starts_at"]
        verbose_name = _("co-design session")
        verbose_name_plural = _("co-design sessions")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if not self.place and not self.online_url:
            errors["place"] = _("Give a place, an online meeting link, or both.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("codesign:session_detail", kwargs={"pk": self.pk})

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def language_codes(self):
        return split_codes(self.languages)

    def offered_languages(self):
        """(code, name) pairs, each language named in itself where Django knows it."""
        offered = []
        for code in self.language_codes:
            try:
                name = get_language_info(code)["name_local"]
            except KeyError:
                name = code
            offered.append((code, name))
        return offered

    def has_ended(self, moment=None):
        return self.ends_at <= (moment or timezone.now())


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations nobody has answered yet."""
        return self.filter(status=Invitation.Status.PENDING)

    def for_user(self, user):
        """Invitations addressed to `user`'s account."""
        return self.filter(user=user)


class Invitation(models.Model):
    """An invitation to a session, to an account or to an email address.

    An invitation by email keeps `user` empty until someone signs up or logs in with
    that address (`services.attach_invitations`). `token` is the secret the signed link
    in the email carries.
    """

    class Role(models.TextChoices):
        COAUTHOR = "coauthor", _("co-author")
        PARTICIPANT = "participant", _("participant")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation status", "pending")
        ACCEPTED = "accepted", pgettext_lazy("invitation status", "accepted")
        DECLINED = "declined", pgettext_lazy("invitation status", "declined")

    session = models.ForeignKey(
        CoDesignSession,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("co-design session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="codesign_invitations",
        verbose_name=_("account"),
    )
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("For someone who has no account yet."),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="codesign_one_invitation_per_account",
            ),
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=~models.Q(email=""),
                name="codesign_one_invitation_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="codesign_invitation_has_recipient",
            ),
        ]

    def __str__(self):
        return f"invitation {self.pk} to session {self.session_id}"


class RsvpQuerySet(models.QuerySet):
    def confirmed(self):
        """People with a place."""
        return self.filter(status=Rsvp.Status.CONFIRMED)

    def waitlisted(self):
        """The waiting list, first come first served."""
        return self.filter(status=Rsvp.Status.WAITLISTED).order_by("queued_at", "pk")

    def active(self):
        """Confirmed or waiting: people who still want to come."""
        return self.filter(status__in=[Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED])

    def participants(self):
        """People with a confirmed place or who attended (they may read notes)."""
        return self.filter(models.Q(status=Rsvp.Status.CONFIRMED) | models.Q(attended=True))


class Rsvp(models.Model):
    """One person's answer to one session; written only by `services`.

    `queued_at` orders the waiting list; it is set each time someone joins it, so a
    person who cancels and asks again goes to the back. `reminded_at` makes the
    day-before reminder go out once.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("RSVP status", "place confirmed")
        WAITLISTED = "waitlisted", pgettext_lazy("RSVP status", "on the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("RSVP status", "cancelled")
        DECLINED = "declined", pgettext_lazy("RSVP status", "declined")

    session = models.ForeignKey(
        CoDesignSession,
        on_delete=models.CASCADE,
        related_name="rsvps",
        verbose_name=_("co-design session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="codesign_rsvps",
        verbose_name=_("person"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    access_needs = models.TextField(
        _("access needs"),
        blank=True,
        max_length=ACCESS_NEEDS_MAX_LENGTH,
        help_text=_("Anything that would help you take part: step-free access, a hearing loop…"),
    )
    interpretation_language = models.CharField(
        _("interpretation needed"),
        max_length=16,
        blank=True,
        help_text=_("The code of the language you would like an interpreter for."),
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    queued_at = models.DateTimeField(_("joined the waiting list at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RsvpQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="codesign_one_rsvp_per_person")
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"rsvp {self.pk} ({self.status})"


class SessionNote(models.Model):
    """A note or a decision from a session, written by staff for participants."""

    class Kind(models.TextChoices):
        NOTE = "note", pgettext_lazy("session note kind", "note")
        DECISION = "decision", pgettext_lazy("session note kind", "decision")

    session = models.ForeignKey(
        CoDesignSession,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("co-design session"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("session note")
        verbose_name_plural = _("session notes")

    def __str__(self):
        return f"{self.kind} {self.pk} on session {self.session_id}"


class AgreedAction(models.Model):
    """An action agreed at a session: what, who (a name or an organisation), by when."""

    session = models.ForeignKey(
        CoDesignSession,
        on_delete=models.CASCADE,
        related_name="agreed_actions",
        verbose_name=_("co-design session"),
    )
    what = models.CharField(_("what"), max_length=500)
    who = models.CharField(_("who"), max_length=200)
    due_date = models.DateField(_("by when"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("agreed action")
        verbose_name_plural = _("agreed actions")

    def __str__(self):
        return self.what
