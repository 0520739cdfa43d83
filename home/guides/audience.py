"""Who a discussion guide is for."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GuideAudience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    PARTNERS = "partners", _("partner organisations and city staff")
    STAFF = "staff", _("city staff only")
