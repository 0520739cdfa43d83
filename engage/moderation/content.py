"""What every piece of resident content shares: its moderation status and its shape.

Comments, forum posts, claims and fact-checks all carry a `status` with these values,
so the moderation queue, the audit trail and `visible_to()` reads treat them alike.
`ResidentContent` is the abstract model they inherit (text, language, status, edit
window, editing with a revision, withdrawal), `ResidentContentQuerySet` their shared
reads (`visible_to(user)`); `ContentRevision` the abstract shape of an
earlier text. The services of every kind edit and withdraw through
`engage.moderation.services.authoring`, which calls `edit_text()` and `withdraw()`.
A new kind of resident content (a statement in an opinion map, say) inherits both.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationMode(models.TextChoices):
    """When contributions are checked by a moderator (a consultation's or a forum's
    setting)."""

    PRE = "pre", _("Pre-moderation: contributions appear after a moderator approves them")
    POST = "post", _("Post-moderation: contributions appear at once and are reviewed after")


class ContentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by a moderator")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


# Statuses a resident (other than the author or a moderator) may see.
PUBLIC_STATUSES = (ContentStatus.PUBLISHED, ContentStatus.WITHDRAWN)


def visible_q(user, prefix=""):
    """The condition on resident content that `user` may see: published and withdrawn
    items (withdrawn ones show as a placeholder, so replies keep their place), the
    person's own items awaiting moderation and, for moderators, everything awaiting
    moderation. `prefix` reaches the content through a relation (`"posts__"`)."""
    from engage.accounts.rules import is_moderator

    shown = models.Q(**{f"{prefix}status__in": PUBLIC_STATUSES})
    if is_moderator(user):
        shown |= models.Q(**{f"{prefix}status": ContentStatus.PENDING})
    elif user is not None and user.is_authenticated:
        shown |= models.Q(
            **{f"{prefix}status": ContentStatus.PENDING, f"{prefix}author_id": user.pk}
        )
    return shown


class ResidentContentQuerySet(models.QuerySet):
    """Reads every kind of resident content shares; a kind's queryset inherits it."""

    def visible_to(self, user):
        """What `user` may see (`visible_q`)."""
        return self.filter(visible_q(user))


class ResidentContent(models.Model):
    """Abstract base of moderated resident content.

    `body_text` is what the author typed; `body_html` is its sanitised form, the only one
    ever shown. `language` is the language it was written in. Subclasses may redeclare
    `author` to give it a reverse accessor (comments do: `user.comments`). Earlier texts
    live in a `ContentRevision` subclass whose foreign key is named `revisions` from
    here; `keep_revision()` and `withdraw()` rely on that name.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body_text = models.TextField(_("text"), blank=True)
    body_html = models.TextField(_("text as HTML"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=10, choices=ContentStatus.choices, default=ContentStatus.PENDING
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self):
        return self.status == ContentStatus.WITHDRAWN

    @property
    def is_pending(self):
        return self.status == ContentStatus.PENDING

    @property
    def is_published(self):
        return self.status == ContentStatus.PUBLISHED

    @property
    def is_moderated_away(self):
        return self.status in (ContentStatus.HIDDEN, ContentStatus.REMOVED)

    @property
    def language_name(self):
        """The language it was written in, named in the reader's language."""
        return dict(settings.LANGUAGES).get(self.language, self.language)

    @property
    def author_name(self):
        return self.author.public_name if self.author else _("Former resident")

    def can_still_edit(self, moment=None):
        """Within the edit window (settings.COMMENT_EDIT_MINUTES) and not withdrawn or
        moderated away."""
        window = datetime.timedelta(minutes=settings.COMMENT_EDIT_MINUTES)
        return self.status in (ContentStatus.PENDING, ContentStatus.PUBLISHED) and (
            (moment or timezone.now()) <= self.created_at + window
        )

    def keep_revision(self):
        """Revision hook: keep the current text as an earlier version (before an edit)."""
        return self.revisions.create(body_text=self.body_text, body_html=self.body_html)

    def text_changed(self):
        """Hook called by `edit_text()` once the new text is in place: update fields
        derived from the text and return their names, to be saved with it (forum posts
        keep a digest of their text for duplicate checks)."""
        return []

    def edit_text(self, text, html, moment=None):
        """Edit by the author: the current text is kept (`keep_revision()`), `text` and
        its sanitised `html` take its place and the content shows as edited. Saves only
        those fields; call inside the service's transaction
        (`engage.moderation.services.authoring.edit_own_content` does)."""
        self.keep_revision()
        self.body_text, self.body_html = text, html
        self.edited_at = moment or timezone.now()
        self.save(update_fields=["body_text", "body_html", "edited_at", *self.text_changed()])

    def withdraw(self, moment=None):
        """Withdrawal by the author: earlier versions and the text are deleted, the
        status becomes withdrawn. Saves only those fields; call inside the service's
        transaction, which also records and broadcasts it
        (`engage.moderation.services.authoring.withdraw_own_content` does)."""
        self.revisions.all().delete()
        self.status = ContentStatus.WITHDRAWN
        self.body_text = self.body_html = ""
        self.withdrawn_at = moment or timezone.now()
        self.save(update_fields=["status", "body_text", "body_html", "withdrawn_at"])


class ContentRevision(models.Model):
    """Abstract base of an earlier text of resident content, kept until withdrawal."""

    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("text as HTML"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at"]
