"""
The "Rating moderators" group holds exactly ``access_admin`` and ``moderate_ratings``.

Wagtail's own migrations wagtailimages 0023 and wagtaildocs 0011 give "choose image/document"
(globally and on the root collection) to every group that can access the admin. When
0002 ran before them, "Rating moderators" got those too; take exactly these back.
"""

from django.conf import settings
from django.db import migrations

GROUP = "Rating moderators"
ADDED_BY_WAGTAIL = [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")]


def strip_choose_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    for app_label, codename in ADDED_BY_WAGTAIL:
        permissions = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        group.permissions.remove(*permissions)
        GroupCollectionPermission.objects.filter(group=group, permission__in=permissions).delete()


def _after_wagtails_choose_migrations():
    # Only for the apps that are installed: the ratings app does not require either.
    installed = set(settings.INSTALLED_APPS)
    dependencies = [("wagtailcore", "0026_group_collection_permission")]
    if "wagtail.images" in installed:
        dependencies.append(("wagtailimages", "0023_add_choose_permissions"))
    if "wagtail.documents" in installed:
        dependencies.append(("wagtaildocs", "0011_add_choose_permissions"))
    return dependencies


class Migration(migrations.Migration):
    dependencies = [("digiradar_ratings", "0002_rating_moderators_group")] + _after_wagtails_choose_migrations()

    operations = [migrations.RunPython(strip_choose_permissions, migrations.RunPython.noop)]
