"""Consultations as subjects of 360° impact assessments (engage.impact.subjects).

Registered from `ConsultationsConfig.ready()`. The leaders who co-sign are the
co-authors of the briefs of the co-design sessions that framed the consultation (the
people the brief's sign-off asks: `codesign.edit_brief` and not city staff).
"""

import rules
from django.conf import settings
from django.contrib.auth import get_user_model

from engage.accounts.rules import is_city_staff
from engage.impact.matrix.sources import register_perceived_batch
from engage.impact.subjects import Subject, register_subject_kind

KIND = "consultation"


def session_leader_ids(consultation):
    """Ids of the co-authors (not city staff) of the consultation's co-design sessions."""
    from consultations.codesign.models import CoDesignSession

    sessions = CoDesignSession.objects.filter(consultation=consultation).prefetch_related("rsvps")
    leader_ids = set()
    users = get_user_model().objects.filter(is_active=True)
    for session in sessions:
        people = users.filter(pk__in=[rsvp.user_id for rsvp in session.rsvps.all()])
        for person in people:
            if rules.test_rule("codesign.edit_brief", person, session) and not is_city_staff(
                person
            ):
                leader_ids.add(person.pk)
    return tuple(sorted(leader_ids))


def consultation_subject(key):
    from consultations.engagement.perceived_impact import perceived_impact
    from consultations.models import ConsultationPage

    try:
        page = ConsultationPage.objects.select_related("policy_area", "area").get(pk=int(key))
    except (ValueError, ConsultationPage.DoesNotExist):
        return None
    return Subject(
        scope=f"{KIND}:{page.pk}",
        title=page.title,
        titles={
            code: text
            for code, _name in settings.LANGUAGES
            if (text := getattr(page, f"title_{code}", "") or "")
        },
        url=page.url or "",
        policy_area_slug=page.policy_area.slug if page.policy_area else "",
        area_code=page.area.code if page.area else "",
        affected_group_ids=frozenset(page.affected_groups.values_list("pk", flat=True)),
        wider_group_ids=frozenset(page.wider_audience.values_list("pk", flat=True)),
        leader_user_ids=session_leader_ids(page),
        perceived_impact=lambda dimension: perceived_impact(page, dimension),
    )


def register():
    register_subject_kind(KIND, consultation_subject)
    register_perceived_batch(KIND, perceived_means_of)


def perceived_means_of(keys, dimension_ids):
    """Perceived impact of many consultations at once, for the city matrix (one query)."""
    from consultations.engagement.perceived_impact import perceived_means

    return perceived_means([int(key) for key in keys if key.isdigit()], dimension_ids)
