"""A policy area's consultations and co-design sessions, for the policy-area page of
impact assessments (`engage.impact.related`). Registered from
`ConsultationsConfig.ready()`.

Consultations are filed under a policy area (`ConsultationPage.policy_area`); a
co-design session belongs to the area of the consultation it frames (a session
without a consultation belongs to none). Drafts are listed too, marked as drafts: the
page is for city staff. One query per kind.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from engage.impact.related import RelatedItem, register_related

DRAFT = pgettext_lazy("page status", "draft")
HELD = pgettext_lazy("co-design session", "held")
UPCOMING = pgettext_lazy("co-design session", "upcoming")


def consultations_of(policy_area):
    from .models import ConsultationPage

    pages = ConsultationPage.objects.filter(policy_area=policy_area).order_by("-opens_at", "-pk")
    now = timezone.now()
    items = []
    for page in pages:
        status = page.status_at(now)
        label = str(status.label) if page.live else str(DRAFT)
        items.append(
            RelatedItem(
                title=page.title,
                url=page.url or "",
                status=label,
                date=page.opens_at,
                scope=f"consultation:{page.pk}",
            )
        )
    return items


def sessions_of(policy_area):
    from .codesign.models import CoDesignSession

    sessions = CoDesignSession.objects.filter(consultation__policy_area=policy_area).order_by(
        "-starts_at", "-pk"
    )
    now = timezone.now()
    return [
        RelatedItem(
            title=session.title,
            url=reverse("codesign:session_detail", args=[session.pk]),
            status=str(HELD if session.ends_at <= now else UPCOMING),
            date=session.starts_at,
            scope=f"session:{session.pk}",
        )
        for session in sessions
    ]


def register():
    register_related("consultation", _("Consultations"), consultations_of, order=10)
    register_related("session", _("Co-design sessions"), sessions_of, order=20)
