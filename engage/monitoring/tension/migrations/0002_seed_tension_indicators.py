"""Seed the standard list of tension indicators (staff may edit it afterwards)."""

from django.db import migrations

INDICATORS = [
    ("incidents", "Incidents"),
    ("rumours", "Rumours or misinformation"),
    ("online", "Online activity"),
    ("protests", "Protests or gatherings"),
    ("anniversaries", "Anniversaries or trigger events"),
    ("other", "Other"),
]


def seed(apps, schema_editor):
    TensionIndicator = apps.get_model("monitoring_tension", "TensionIndicator")
    for order, (code, name) in enumerate(INDICATORS):
        TensionIndicator.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("monitoring_tension", "0001_tension_assessments_versions_audit")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
