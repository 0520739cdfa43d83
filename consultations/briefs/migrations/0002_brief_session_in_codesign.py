"""A brief's session is now `codesign.CoDesignSession` (the same table as before, see
`codesign.0002`): a change of Django's state only, no SQL."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0001_initial"),
        ("codesign", "0002_codesignsession_moved_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="brief",
                    name="session",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="brief",
                        to="codesign.codesignsession",
                        verbose_name="co-design session",
                    ),
                ),
            ],
        ),
    ]
