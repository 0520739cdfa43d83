"""Create the "Moderators" and "City staff" groups with their Wagtail admin permissions.

City staff may open the admin, add, edit and publish pages anywhere below the root, and
add, edit and choose images and documents in the root collection. Moderators (of
residents' contributions, not of page workflows) may only open the admin.

Wagtail's own first migration already creates a "Moderators" group with page
permissions on the root; those are removed here because Engage's moderators review
what residents write and do not publish pages.
"""

from django.db import migrations

MODERATORS = "Moderators"
CITY_STAFF = "City staff"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add_image", "change_image", "choose_image"],
    ("wagtaildocs", "document"): ["add_document", "change_document", "choose_document"],
}


def permission(apps, app_label, model, codename):
    """The permission, created if post_migrate has not made it yet (fresh databases)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return found


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")

    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.set([access_admin])

    staff, _created = Group.objects.get_or_create(name=CITY_STAFF)
    staff.permissions.add(access_admin)

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=staff,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename),
            )

    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=staff,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )


def remove_city_staff_group(apps, schema_editor):
    # The Moderators group predates this migration (Wagtail creates it), so it stays.
    apps.get_model("auth", "Group").objects.filter(name=CITY_STAFF).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_city_staff_group)]
