"""Co-design sessions move from `consultations` to `codesign` without touching data.

The table keeps its name (`consultations_codesignsession`), so this is a change of
Django's state only: the model is created here, and the foreign keys of this app's
models point at it, with no SQL. Briefs and panel selections follow in their own apps
(`briefs.0002`, `communities.0005`); `consultations.0006` then drops the old model from
`consultations`' state. The content type moves with the model, so permissions, Wagtail
group permissions, search entries, log entries and anything else that points at it by
content type keep working.
"""

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models

import consultations.codesign.validators


def move_content_type(apps, schema_editor, source="consultations", target="codesign"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db).filter(model="codesignsession")
    old = types.filter(app_label=source).first()
    if old is None:
        return
    # A content type for the target may exist already if post_migrate ran with the new
    # code before this migration (it has no permissions granted to anyone yet): the old
    # one, which everything points at, wins.
    types.filter(app_label=target).delete()
    old.app_label = target
    old.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="codesign", target="consultations")


class Migration(migrations.Migration):
    dependencies = [
        ("codesign", "0001_initial"),
        ("consultations", "0005_consultation_documents"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="CoDesignSession",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="title")),
                        (
                            "title_en",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_ar",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_fr",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_de",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_nl",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_es",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_pl",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_tr",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_ur",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "title_so",
                            models.CharField(max_length=200, null=True, verbose_name="title"),
                        ),
                        (
                            "purpose",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_en",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_ar",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_fr",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_de",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_nl",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_es",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_pl",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_tr",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_ur",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        (
                            "purpose_so",
                            models.TextField(
                                help_text="What the session will decide or shape.",
                                null=True,
                                verbose_name="purpose",
                            ),
                        ),
                        ("starts_at", models.DateTimeField(verbose_name="starts at")),
                        ("ends_at", models.DateTimeField(verbose_name="ends at")),
                        (
                            "time_zone",
                            models.CharField(
                                default="Europe/London",
                                help_text="Where the session happens, for example Europe/London.",
                                max_length=64,
                                validators=[consultations.codesign.validators.validate_time_zone],
                                verbose_name="time zone",
                            ),
                        ),
                        (
                            "place",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_en",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_ar",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_fr",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_de",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_nl",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_es",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_pl",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_tr",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_ur",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "place_so",
                            models.CharField(
                                blank=True,
                                help_text="The venue and address.",
                                max_length=255,
                                null=True,
                                verbose_name="place",
                            ),
                        ),
                        (
                            "online_url",
                            models.URLField(blank=True, verbose_name="online meeting link"),
                        ),
                        (
                            "capacity",
                            models.PositiveIntegerField(
                                blank=True,
                                help_text="Leave empty if there is no limit.",
                                null=True,
                                verbose_name="places",
                            ),
                        ),
                        (
                            "languages",
                            models.CharField(
                                blank=True,
                                help_text="Comma-separated language codes, for example: en, ar, fr.",
                                max_length=100,
                                validators=[
                                    consultations.codesign.validators.validate_language_codes
                                ],
                                verbose_name="languages offered",
                            ),
                        ),
                        (
                            "accessibility",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_en",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_ar",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_fr",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_de",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_nl",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_es",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_pl",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_tr",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_ur",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "accessibility_so",
                            models.TextField(
                                blank=True,
                                help_text="Step-free access, hearing loops, interpreters, childcare, breaks…",
                                null=True,
                                verbose_name="accessibility",
                            ),
                        ),
                        (
                            "interpretation",
                            models.CharField(
                                blank=True,
                                help_text="Comma-separated codes of the languages interpreters will cover, including sign languages, for example: ar, so, bfi.",
                                max_length=100,
                                validators=[
                                    consultations.codesign.validators.validate_language_codes
                                ],
                                verbose_name="interpretation offered",
                            ),
                        ),
                        (
                            "agenda",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_en",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_ar",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_fr",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_de",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_nl",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_es",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_pl",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_tr",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_ur",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "agenda_so",
                            models.TextField(
                                blank=True,
                                help_text="One item per line, with times if you have them.",
                                null=True,
                                verbose_name="agenda",
                            ),
                        ),
                        (
                            "consultation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="codesign_sessions",
                                to="consultations.consultationpage",
                                verbose_name="consultation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "co-design session",
                        "verbose_name_plural": "co-design sessions",
                        "db_table": "consultations_codesignsession",
                        "ordering": ["starts_at"],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.AlterField(
                    model_name="agreedaction",
                    name="session",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="agreed_actions",
                        to="codesign.codesignsession",
                        verbose_name="co-design session",
                    ),
                ),
                migrations.AlterField(
                    model_name="invitation",
                    name="session",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="codesign.codesignsession",
                        verbose_name="co-design session",
                    ),
                ),
                migrations.AlterField(
                    model_name="rsvp",
                    name="session",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rsvps",
                        to="codesign.codesignsession",
                        verbose_name="co-design session",
                    ),
                ),
                migrations.AlterField(
                    model_name="sessionnote",
                    name="session",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to="codesign.codesignsession",
                        verbose_name="co-design session",
                    ),
                ),
                migrations.AlterField(
                    model_name="sessionsettings",
                    name="session",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="codesign_settings",
                        to="codesign.codesignsession",
                        verbose_name="co-design session",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
