"""Let "City staff" build surveys in the Wagtail admin (Snippets → Surveys)."""

from django.db import migrations

CITY_STAFF = "City staff"
CODENAMES = ["add_survey", "change_survey", "delete_survey", "view_survey"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    staff, _created = Group.objects.get_or_create(name=CITY_STAFF)
    content_type, _created = ContentType.objects.get_or_create(
        app_label="engagement", model="survey"
    )
    for codename in CODENAMES:
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": codename.replace("_", " ").capitalize()},
        )
        staff.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    staff = Group.objects.filter(name=CITY_STAFF).first()
    if staff is not None:
        staff.permissions.remove(
            *Permission.objects.filter(content_type__app_label="engagement", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("accounts", "0003_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
