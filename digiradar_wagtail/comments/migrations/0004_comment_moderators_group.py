"""
Comment moderation gets a group of its own, "Comment moderators" (Wagtail admin access plus
``moderate_comments``), and the permission is taken away from "Moderators", Wagtail's group of
page moderators, where earlier versions of 0002 put it. Wagtail's own permissions of
"Moderators" are left alone. Safe to run on fresh databases (0002 already created the group)
and on existing ones; running it twice changes nothing.

Wagtail's migrations wagtailimages 0023 and wagtaildocs 0011 give "choose image/document"
(globally and on the root collection) to every group that can access the admin; when 0002 ran
before them, "Comment moderators" got those too. This migration runs after them and leaves the
group with exactly its two permissions.
"""

from django.conf import settings
from django.db import migrations

GROUP = "Comment moderators"
WAGTAIL_MODERATORS = "Moderators"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def separate_comment_moderators(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    moderate = _permission(
        apps, "digiradar_comments", "comment", "moderate_comments", "Can moderate comments"
    )
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set([access_admin, moderate])
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(group=group).delete()
    for wagtail_group in Group.objects.filter(name=WAGTAIL_MODERATORS):
        wagtail_group.permissions.remove(moderate)


def _after_wagtails_choose_migrations():
    # Only for the apps that are installed: the comments app requires neither.
    installed = set(settings.INSTALLED_APPS)
    dependencies = []
    if "wagtail.images" in installed:
        dependencies.append(("wagtailimages", "0023_add_choose_permissions"))
    if "wagtail.documents" in installed:
        dependencies.append(("wagtaildocs", "0011_add_choose_permissions"))
    return dependencies


class Migration(migrations.Migration):
    dependencies = [
        ("digiradar_comments", "0003_pendingconfirmation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # Wagtail's "Moderators" group exists from here on.
        ("wagtailcore", "0002_initial_data"),
        ("wagtailcore", "0026_group_collection_permission"),
    ] + _after_wagtails_choose_migrations()

    operations = [migrations.RunPython(separate_comment_moderators, migrations.RunPython.noop)]
