"""A "Moderatorer" group: admin access and the comment moderation permission.

Give editors who moderate comments this group in the admin (Inställningar →
Grupper); they then see the queue and get e-mail about new comments.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Moderatorer"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours
    # exists now. (wagtailadmin's access_admin is made by its migration 0001.)
    app_config = apps.get_app_config("comments")
    # The migration state's app config has no models module; pretend it has.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["comments", "wagtailadmin"],
            codename__in=["moderate_comment", "access_admin"],
        )
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
