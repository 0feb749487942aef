"""The group "Idea moderators": Wagtail admin access and the one permission "Can moderate ideas"."""

from django.db import migrations

GROUP_NAME = "Idea moderators"


def add_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Django creates permissions only after all migrations ran: create the two needed here.
    idea_type = ContentType.objects.get_or_create(app_label="digiradar_ideas", model="idea")[0]
    admin_type = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")[0]
    wanted = [
        (idea_type, "moderate_ideas", "Can moderate ideas"),
        (admin_type, "access_admin", "Can access Wagtail admin"),
    ]
    permissions = [
        Permission.objects.get_or_create(content_type=kind, codename=codename, defaults={"name": name})[0]
        for kind, codename, name in wanted
    ]
    Group.objects.get_or_create(name=GROUP_NAME)[0].permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("digiradar_ideas", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(add_group, remove_group)]
