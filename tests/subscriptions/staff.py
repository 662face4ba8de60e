from django.contrib.auth.models import Group, Permission

from tests.subscriptions.factories import UserFactory


def staff_with(*codenames, **user_fields):
    """A staff member who may use the admin and holds the given subscriptions permissions."""
    user = UserFactory(is_staff=True, **user_fields)
    group = Group.objects.create(name=f"Grupp {user.pk}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="subscriptions", codename__in=codenames),
    )
    user.groups.add(group)
    return user
