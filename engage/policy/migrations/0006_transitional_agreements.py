"""Wrap the grants that existed before agreements in transitional agreements.

Each organisation with grants gets one agreement, labelled as transitional, in force
from the day of the migration until a review date 90 days later (its expiry date too),
so that no partner loses access on the day agreements arrive, and nobody keeps access
without a signed agreement for longer than that. docs/agreements.md explains how to
replace them.
"""

import datetime

from django.db import migrations
from django.utils import timezone

TRANSITION_DAYS = 90


def wrap_existing_grants(apps, schema_editor):
    Grant = apps.get_model("policy", "PartnerGrant")
    Agreement = apps.get_model("policy", "InformationSharingAgreement")
    Party = apps.get_model("policy", "AgreementParty")
    Event = apps.get_model("policy", "AgreementEvent")
    today = timezone.localdate()
    ends = today + datetime.timedelta(days=TRANSITION_DAYS)
    organisation_ids = (
        Grant.objects.filter(agreement__isnull=True)
        .values_list("organisation_id", flat=True)
        .distinct()
        .order_by("organisation_id")
    )
    for organisation_id in organisation_ids:
        grants = Grant.objects.filter(organisation_id=organisation_id, agreement__isnull=True)
        organisation = grants.first().organisation
        agreement = Agreement.objects.create(
            title=f"Transitional agreement: {organisation.name}",
            reference=f"TRANSITIONAL-{organisation.slug}"[:60],
            is_transitional=True,
            purpose=(
                "Made automatically when information-sharing agreements were introduced, "
                "to keep the data-sharing grants this organisation already held until a "
                "signed agreement replaces it. It ends on its review date."
            ),
            lawful_basis="e",
            lawful_basis_detail="To be confirmed in the signed agreement that replaces it.",
            data_categories="Aggregate reports and summaries (small cells suppressed)",
            retention="As before agreements; to be set in the signed agreement.",
            security_measures="As before agreements; to be set in the signed agreement.",
            start_date=today,
            review_date=ends,
            expiry_date=ends,
            status="in_force",
        )
        Party.objects.create(agreement=agreement, organisation_id=organisation_id, sort_order=0)
        count = grants.update(agreement=agreement)
        Event.objects.create(
            agreement=agreement,
            kind="created",
            detail={"transitional": True, "grants": count},
            created_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("policy", "0005_agreements")]

    operations = [migrations.RunPython(wrap_existing_grants, migrations.RunPython.noop)]
