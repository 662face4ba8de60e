"""Who mail to readers comes from: the publication's name and a real address."""

from email.utils import formataddr

from django.conf import settings


def sender_address(default_from: str, contact_email: str, publication_name: str) -> str:
    """DEFAULT_FROM_EMAIL when it is set to a real address; the imprint's contact
    address while it is still the placeholder (…@localhost), which no reader's mail
    server accepts. Named after the publication unless the setting names itself.
    """
    address = default_from
    if contact_email and (not default_from or default_from.rstrip(">").endswith("@localhost")):
        address = contact_email
    if "<" in address:
        return address
    return formataddr((publication_name, address))


def publication_sender(site=None) -> str:
    """The From: for `site` (the default site when None), read from its imprint."""
    from wagtail.models import Site

    from .models import ImprintSettings

    site = site or Site.objects.filter(is_default_site=True).first()
    imprint = ImprintSettings.for_site(site) if site else None
    return sender_address(
        settings.DEFAULT_FROM_EMAIL,
        imprint.contact_email if imprint else "",
        imprint.publication_name if imprint else settings.WAGTAIL_SITE_NAME,
    )
