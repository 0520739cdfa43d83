"""Tables of cohesion pulse surveys.

A `Wave` is one round of the standard survey: its dates, the areas it covers (none: the
whole city), the languages it is offered in, the standard indicators it asks (codes from
`indicators.INDICATORS`) and any extra `WaveQuestion`s. A `Response` is one person's
answers to one wave (at most one per signed-in person, one per one-time link); each
`Answer` is one question's value on its scale. Paper answers come in `PaperImport`s.

Declarations (community groups) are never copied here for people who answered online:
results join a signed-in respondent's *current* consented declarations, so a
withdrawal applies at once. Paper forms may carry groups the person ticked on the form
(`ResponseDeclaration`), as offline participation does.
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from engage.communities.models import Area, Category, Dimension, ImportRecord
from engage.policy.models import PartnerOrganisation

from .indicators import SCALE_CHOICES


class WaveQuerySet(models.QuerySet):
    def open_on(self, day):
        """Waves taking answers on `day` (a date)."""
        return self.filter(starts_on__lte=day, ends_on__gte=day)

    def open_now(self):
        """Waves taking answers today."""
        return self.open_on(timezone.localdate())


class Wave(ClusterableModel):
    """One round of the cohesion pulse survey. Created by staff in the admin."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown to residents above the questions.")
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    areas = ParentalManyToManyField(
        Area,
        blank=True,
        related_name="+",
        verbose_name=_("areas"),
        help_text=_("The wards this wave covers. Leave empty for the whole city."),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Empty: every language.")
    )
    indicators = models.JSONField(_("standard indicators"), default=list)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = WaveQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("languages"),
        FieldPanel("indicators"),
        InlinePanel("questions", label=_("Extra questions")),
    ]

    class Meta:
        ordering = ["-ends_on", "-pk"]
        verbose_name = _("pulse survey wave")
        verbose_name_plural = _("pulse survey waves")

    def __str__(self):
        return self.title

    def is_open_on(self, day):
        return self.starts_on <= day <= self.ends_on


class WaveQuestion(Orderable):
    """An extra question of one wave, answered on one of the fixed scales."""

    wave = ParentalKey(Wave, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Used as the column name in paper imports.")
    )
    text = models.CharField(_("question"), max_length=400)
    scale = models.CharField(_("answer scale"), max_length=20, choices=SCALE_CHOICES)

    panels = [FieldPanel("code"), FieldPanel("text"), FieldPanel("scale")]

    class Meta(Orderable.Meta):
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")
        constraints = [
            models.UniqueConstraint(fields=["wave", "code"], name="pulse_unique_question_code")
        ]

    def __str__(self):
        return self.text


class LinkBatch(models.Model):
    """A batch of one-time answer links issued to a co-design session or a partner."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="link_batches")
    issued_to = models.CharField(
        _("issued to"),
        max_length=200,
        help_text=_("Who hands the links out: a co-design session, a partner, an event."),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    links = models.PositiveIntegerField(_("links"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("batch of answer links")
        verbose_name_plural = _("batches of answer links")

    def __str__(self):
        return f"{self.wave}: {self.links} → {self.issued_to}"


class OneTimeLink(models.Model):
    """One single-use answer link. The link carries a signed token naming this row and
    a random secret; only the secret's SHA-256 is stored, so the table cannot be turned
    back into links."""

    batch = models.ForeignKey(LinkBatch, on_delete=models.CASCADE, related_name="one_time_links")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="+")
    secret_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("one-time answer link")
        verbose_name_plural = _("one-time answer links")

    def __str__(self):
        return f"link {self.pk}"


class PaperImport(ImportRecord):
    """One file of paper answers imported into a wave."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="paper_imports")
    responses = models.PositiveIntegerField(_("responses"), default=0)

    class Meta(ImportRecord.Meta):
        verbose_name = _("paper answers import")
        verbose_name_plural = _("paper answers imports")

    def __str__(self):
        return f"{self.wave}: {self.responses}"


class Channel(models.TextChoices):
    SIGNED_IN = "signed_in", _("signed in")
    LINK = "link", _("one-time link")
    PAPER = "paper", _("paper")


class ResponseQuerySet(models.QuerySet):
    def for_wave(self, wave):
        return self.filter(wave=wave)


class Response(models.Model):
    """One person's answers to one wave. Written only by `services`."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    # Who answered, signed in: to answer once, and to join their consented declarations
    # in aggregates. Never shown. Emptied when the account is deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    link = models.OneToOneField(
        OneTimeLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    paper_import = models.ForeignKey(
        PaperImport, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=12, blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("pulse response")
        verbose_name_plural = _("pulse responses")
        constraints = [
            models.UniqueConstraint(
                fields=["wave", "user"],
                condition=models.Q(user__isnull=False),
                name="pulse_one_response_per_person",
            )
        ]
        indexes = [models.Index(fields=["wave", "area"])]

    def __str__(self):
        return f"response {self.pk}"


class Answer(models.Model):
    """One question's answer: a standard `indicator` code, or an extra `question`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    indicator = models.CharField(max_length=40, blank=True)
    question = models.ForeignKey(
        WaveQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    value = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("pulse answer")
        verbose_name_plural = _("pulse answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "indicator"],
                condition=models.Q(question__isnull=True),
                name="pulse_one_answer_per_indicator",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=models.Q(question__isnull=False),
                name="pulse_one_answer_per_question",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "value"])]

    def __str__(self):
        return f"answer {self.pk}"


class ResponseDeclaration(models.Model):
    """A community group ticked on a paper form (empty category: prefer not to say)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="declarations")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("paper form declaration")
        verbose_name_plural = _("paper form declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "dimension"], name="pulse_one_declaration_per_dimension"
            )
        ]

    def __str__(self):
        return f"declaration {self.pk}"
