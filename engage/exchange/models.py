"""Trusted cities (and their feeds), imported items awaiting review, published packages
and the audit trail of every export and import. Written only by `services.py`."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import signing


class TrustedCityQuerySet(models.QuerySet):
    def subscribed(self):
        """Cities whose feed is fetched by `sync_exchange_feeds`."""
        return self.filter(subscribed=True).exclude(feed_url="")

    def named(self, text):
        """The city `text` names: its slug, or its id (base URL)."""
        text = str(text or "").strip()
        return self.filter(models.Q(slug=text) | models.Q(city_id=text.rstrip("/")))


class TrustedCity(models.Model):
    """Another Engage instance whose packages this city accepts for review: its id (the
    base URL its packages name), the public key that must have signed them and that
    key's fingerprint (which staff compare with the other city by another channel), and
    optionally the feed this city subscribes to."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name"), max_length=80, unique=True, help_text=_("Used by import_exchange --from.")
    )
    city_id = models.URLField(
        _("city id"),
        max_length=300,
        unique=True,
        help_text=_("The base URL of the other city's Engage, as its packages name it."),
    )
    fingerprint = models.CharField(
        _("key fingerprint"),
        max_length=80,
        help_text=_(
            "The fingerprint of the other city's public key (sha256:…), as they gave it to "
            "you by another channel (telephone, signed letter). Packages signed by any "
            "other key are refused."
        ),
    )
    public_key = models.CharField(
        _("public key"),
        max_length=64,
        blank=True,
        help_text=_(
            "Base64. Leave empty to take it from the city's feed, which is accepted only "
            "when its fingerprint matches the one above."
        ),
    )
    feed_url = models.URLField(_("feed URL"), max_length=500, blank=True)
    subscribed = models.BooleanField(
        _("subscribed"), default=False, help_text=_("Fetch the feed regularly and stage its items.")
    )
    last_synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)
    last_sync_error = models.TextField(_("last synchronisation error"), blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = TrustedCityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("trusted city")
        verbose_name_plural = _("trusted cities")

    def __str__(self):
        return self.name

    def clean(self):
        self.city_id = (self.city_id or "").rstrip("/")
        self.fingerprint = signing.normalise_fingerprint(self.fingerprint)
        if len(self.fingerprint) != len("sha256:") + 64:
            raise ValidationError(
                {"fingerprint": _("Write the fingerprint as sha256: and 64 hexadecimal digits.")}
            )
        if self.public_key:
            try:
                actual = signing.fingerprint(self.public_key)
            except ValueError:
                raise ValidationError(
                    {"public_key": _("This is not an Ed25519 public key in base64.")}
                ) from None
            if actual != self.fingerprint:
                raise ValidationError(
                    {
                        "public_key": _(
                            "This key's fingerprint is %(actual)s, not the one you were "
                            "given. Check both with the other city."
                        )
                        % {"actual": actual}
                    }
                )
        if self.subscribed and not self.feed_url:
            raise ValidationError({"feed_url": _("Give the feed URL to subscribe to.")})


class ImportStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("imported item", "pending review")
    ACCEPTED = "accepted", pgettext_lazy("imported item", "accepted")
    REJECTED = "rejected", pgettext_lazy("imported item", "rejected")
    SUPERSEDED = "superseded", pgettext_lazy("imported item", "superseded")


class ImportedItemQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ImportStatus.PENDING)

    def accepted(self):
        return self.filter(status=ImportStatus.ACCEPTED)

    def of(self, origin, kind, key):
        return self.filter(origin=origin, kind=kind, key=key)


class ImportedItem(models.Model):
    """One item of a verified package, staged for review. Nothing from another city is
    used before staff accept it; accepting calls the kind's `apply`, which never
    overwrites a local object silently. `provenance` keeps where it came from
    (city, package, export time, licence, the key fingerprint that verified it)."""

    origin = models.ForeignKey(
        TrustedCity, on_delete=models.PROTECT, related_name="items", verbose_name=_("from")
    )
    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    payload = models.JSONField(_("item"))
    payload_sha256 = models.CharField(max_length=64)
    provenance = models.JSONField(_("provenance"))
    package_id = models.CharField(_("package"), max_length=40)
    source = models.CharField(_("received from"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    collides_with = models.CharField(
        _("collides with"),
        max_length=300,
        blank=True,
        help_text=_("The local item it would collide with, when it was staged."),
    )
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now, db_index=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(_("note"), blank=True)
    local_object = models.CharField(
        _("local item"), max_length=300, blank=True, help_text=_("What accepting it created.")
    )

    objects = ImportedItemQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "kind", "key", "package_id"],
                name="exchange_item_once_per_package",
            )
        ]

    def __str__(self):
        return f"{self.origin}: {self.kind} {self.key}"


class PublishedPackage(models.Model):
    """A signed package staff published in the feed (/exchange/feed.json): the newest
    one per kind that is not withdrawn is listed. Nothing is published by default."""

    kind = models.CharField(_("kind"), max_length=40)
    package_id = models.CharField(_("package"), max_length=40, unique=True)
    package = models.JSONField(_("package"))
    sha256 = models.CharField(max_length=64)
    items = models.PositiveIntegerField(_("items"), default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("published package")
        verbose_name_plural = _("published packages")

    def __str__(self):
        return f"{self.kind} {self.package_id}"


class ExchangeEvent(models.Model):
    """The audit trail: every export, publication, import, synchronisation and review
    decision. Append-only; holds no item content."""

    class Action(models.TextChoices):
        EXPORT = "export", pgettext_lazy("exchange audit", "export")
        PUBLISH = "publish", pgettext_lazy("exchange audit", "publish")
        WITHDRAW = "withdraw", pgettext_lazy("exchange audit", "withdraw")
        IMPORT = "import", pgettext_lazy("exchange audit", "import")
        REFUSE = "refuse", pgettext_lazy("exchange audit", "refused package")
        SYNC = "sync", pgettext_lazy("exchange audit", "feed synchronisation")
        ACCEPT = "accept", pgettext_lazy("exchange audit", "accept")
        REJECT = "reject", pgettext_lazy("exchange audit", "reject")

    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    city = models.ForeignKey(
        TrustedCity, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    kinds = models.JSONField(_("kinds"), default=list)
    package_id = models.CharField(_("package"), max_length=40, blank=True)
    detail = models.JSONField(_("detail"), default=dict)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("exchange event")
        verbose_name_plural = _("exchange events")

    def __str__(self):
        return f"{self.action} {self.package_id}"
