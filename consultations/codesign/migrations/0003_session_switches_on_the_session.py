"""The switches of `SessionSettings` (invitation only, places by lot) become fields of
the session itself: add the columns, copy every settings row onto its session, then
drop `SessionSettings`. Reversible: going back recreates a settings row for every
session with a switch on."""

from django.db import migrations, models


def copy_switches_to_sessions(apps, schema_editor):
    CoDesignSession = apps.get_model("codesign", "CoDesignSession")
    SessionSettings = apps.get_model("codesign", "SessionSettings")
    db = schema_editor.connection.alias
    for row in SessionSettings.objects.using(db).iterator():
        CoDesignSession.objects.using(db).filter(pk=row.session_id).update(
            invitation_only=row.invitation_only, places_by_lot=row.places_by_lot
        )


def copy_switches_to_settings(apps, schema_editor):
    CoDesignSession = apps.get_model("codesign", "CoDesignSession")
    SessionSettings = apps.get_model("codesign", "SessionSettings")
    db = schema_editor.connection.alias
    switched_on = CoDesignSession.objects.using(db).filter(
        models.Q(invitation_only=True) | models.Q(places_by_lot=True)
    )
    SessionSettings.objects.using(db).bulk_create(
        SessionSettings(
            session_id=session.pk,
            invitation_only=session.invitation_only,
            places_by_lot=session.places_by_lot,
        )
        for session in switched_on.iterator()
    )


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
        migrations.RunPython(copy_switches_to_sessions, copy_switches_to_settings),
        migrations.DeleteModel(name="SessionSettings"),
    ]
