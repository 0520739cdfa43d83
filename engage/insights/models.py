"""What the analysis found in each resident text, kept for the aggregates.

`TextAnalysis` is one row per analysed text (any registered model: a content type and
an object id). Its scope columns are copied from the content when it is analysed, so the
aggregates per consultation, proposal, forum, session, area, policy area and city are a
`GROUP BY` over this one table, never a join into the features' tables. The content's
author is kept only to join the author's consented "about me" declarations for the
breakdown by community group (with small-cell suppression); it is never shown, exported
or returned by the API, a person's sentiment is never reported, and account deletion
empties it (`privacy.py`; see docs/text-signals.md).

`AnalysisRun` is the checkpoint of a bulk re-analysis (`manage.py analyse_texts`), so an
interrupted run resumes where it stopped.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .analysis import ABUSE_CATEGORIES


def abuse_mask(categories):
    """The categories as bits (bit i is ABUSE_CATEGORIES[i]): what the aggregates count."""
    return sum(1 << ABUSE_CATEGORIES.index(name) for name in set(categories or ()))


def _visible_index(name, *fields):
    """A partial index over visible content only: the aggregates never read the rest.
    It carries the measured columns so PostgreSQL answers from the index alone."""
    return models.Index(
        fields=[*fields, "content_created_at"],
        name=name,
        condition=Q(content_visible=True),
        include=["sentiment", "abuse_flagged", "abuse_mask", "analysed_at"],
    )


class TextAnalysis(models.Model):
    """The language, sentiment and abuse signals of one resident text.

    `sentiment` None with `analysed_at` set is "not scored" (no backend for the
    language); `abuse_flagged` None is "unsupported" (no detector for the language),
    never "not abusive". `analysed_at` None: waiting for (or failed) analysis.
    `content_visible` False (withdrawn, hidden, removed, not yet approved) keeps the
    row out of every aggregate.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=30)

    # Scopes, denormalised (plain ids: this shared app has no foreign keys into features).
    consultation = models.PositiveBigIntegerField(_("consultation"), null=True, blank=True)
    proposal = models.PositiveBigIntegerField(_("proposal"), null=True, blank=True)
    forum = models.PositiveBigIntegerField(_("forum"), null=True, blank=True)
    session = models.PositiveBigIntegerField(_("co-design session"), null=True, blank=True)
    area = models.CharField(_("area"), max_length=50, null=True, blank=True)
    policy_area = models.CharField(_("policy area"), max_length=50, null=True, blank=True)

    content_created_at = models.DateTimeField(_("written at"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
        help_text=_(
            "Only to count the text in the author's consented community groups (suppressed "
            "below the small-cell threshold). Never shown, exported or returned by the API; "
            "emptied when the account is deleted."
        ),
    )
    content_visible = models.BooleanField(_("counts in the aggregates"), default=False)
    text_hash = models.CharField(_("fingerprint of the text analysed"), max_length=64, blank=True)

    language = models.CharField(_("language"), max_length=10, null=True, blank=True)
    sentiment = models.FloatField(_("sentiment"), null=True, blank=True)
    sentiment_backend = models.CharField(_("sentiment backend"), max_length=100, blank=True)
    abuse_flagged = models.BooleanField(_("abuse flagged"), null=True, blank=True)
    abuse_categories = models.JSONField(_("abuse categories"), default=list, blank=True)
    abuse_mask = models.PositiveSmallIntegerField(_("abuse categories as bits"), default=0)
    abuse_backend = models.CharField(_("abuse detector"), max_length=100, blank=True)
    analysed_at = models.DateTimeField(_("analysed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("text analysis")
        verbose_name_plural = _("text analyses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="insights_one_analysis_per_text"
            )
        ]
        indexes = [
            _visible_index("insights_city_idx"),
            _visible_index("insights_consultation_idx", "consultation"),
            _visible_index("insights_proposal_idx", "proposal"),
            _visible_index("insights_forum_idx", "forum"),
            _visible_index("insights_session_idx", "session"),
            _visible_index("insights_area_idx", "area"),
            _visible_index("insights_policy_area_idx", "policy_area"),
            models.Index(fields=["kind", "object_id"], name="insights_kind_idx"),
        ]

    def __str__(self):
        return _("Analysis of %(kind)s %(id)s") % {"kind": self.kind, "id": self.object_id}


class AnalysisRun(models.Model):
    """One bulk re-analysis (`manage.py analyse_texts`) and how far it got.

    The command commits `kind` and `last_pk` after every batch; run again with the same
    options it continues after them instead of starting over.
    """

    options = models.JSONField(_("options"), default=dict)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    kind = models.CharField(_("kind reached"), max_length=30, blank=True)
    last_pk = models.PositiveBigIntegerField(_("last item done"), default=0)
    analysed = models.PositiveIntegerField(_("texts analysed"), default=0)

    class Meta:
        verbose_name = _("bulk analysis run")
        verbose_name_plural = _("bulk analysis runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return _("Analysis run of %(at)s") % {"at": self.started_at}
