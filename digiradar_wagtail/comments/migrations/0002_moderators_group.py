"""
Create the "Comment moderators" group: Wagtail admin access plus the permission to moderate
comments.

(Earlier releases of this migration put the permission on the group named "Moderators", Wagtail's
own page-moderators group; 0004_comment_moderators_group takes it away from there again. The
migration keeps its name so that existing databases see no change in history.)
"""

from django.db import migrations

GROUP = "Comment moderators"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after all migrations ran; create the two we need now.
    comment_type, _ = ContentType.objects.get_or_create(app_label="digiradar_comments", model="comment")
    moderate, _ = Permission.objects.get_or_create(
        content_type=comment_type, codename="moderate_comments", defaults={"name": "Can moderate comments"}
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(moderate, access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("digiradar_comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
