"""A panel selection's session is now `codesign.CoDesignSession` (the same table as
before, see `codesign.0002`): a change of Django's state only, no SQL."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("codesign", "0002_codesignsession_moved_here"),
        ("communities", "0004_panelselection"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="panelselection",
                    name="session",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="panel_selections",
                        to="codesign.codesignsession",
                        verbose_name="co-design session",
                    ),
                ),
            ],
        ),
    ]
