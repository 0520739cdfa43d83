"""`CoDesignSession` now lives in `consultations.codesign` (`codesign.0002`), with its
table unchanged: remove it from this app's state only, once every foreign key to it
points at the new model. No SQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0002_brief_session_in_codesign"),
        ("codesign", "0002_codesignsession_moved_here"),
        ("communities", "0005_panelselection_session_in_codesign"),
        ("consultations", "0005_consultation_documents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="CoDesignSession")],
        ),
    ]
