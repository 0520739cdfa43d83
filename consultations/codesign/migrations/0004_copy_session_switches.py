"""Copy every `SessionSettings` row onto its session; going back, recreate a settings
row for every session with a switch on. Its own transaction: see 0003."""

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
        ("codesign", "0003_session_switches_on_the_session"),
    ]

    operations = [
        migrations.RunPython(copy_switches_to_sessions, copy_switches_to_settings),
    ]
