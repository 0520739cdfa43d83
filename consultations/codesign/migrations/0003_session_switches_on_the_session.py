"""The switches of `SessionSettings` (invitation only, places by lot) become fields of
the session itself. Three migrations, each its own transaction on PostgreSQL: add the
columns (this one), copy every settings row onto its session (0004), then drop
`SessionSettings` (0005). Kept apart because PostgreSQL refuses to alter a table that
still has deferred foreign-key checks pending from rows written in the same transaction
(going back, 0004 writes settings rows that point at the sessions whose columns 0003
then removes)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("codesign", "0002_codesignsession_moved_here"),
    ]

    operations = [
        migrations.AddField(
            model_name="codesignsession",
            name="invitation_only",
            field=models.BooleanField(
                default=False,
                help_text="Only people invited to this session may ask for a place.",
                verbose_name="by invitation only",
            ),
        ),
        migrations.AddField(
            model_name="codesignsession",
            name="places_by_lot",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Everyone who asks for a place volunteers; staff then draw a panel that "
                    "mirrors the city."
                ),
                verbose_name="places drawn by lot",
            ),
        ),
    ]
