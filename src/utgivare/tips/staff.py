"""Who may do what with the tip inbox."""

from wagtail.models import Site

from utgivare.core.models import ImprintSettings


def may_read(user) -> bool:
    return bool(user.is_active and user.has_perm("tips.read_tips"))


def is_responsible_publisher(user) -> bool:
    """The ansvarig utgivare named in the imprint of any site (or a superuser, who can name one)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    for site in Site.objects.all():
        publisher = ImprintSettings.for_site(site).responsible_publisher
        if publisher is not None and publisher.user_id == user.pk:
            return True
    return False
