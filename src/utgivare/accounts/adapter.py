"""allauth, speaking as the publication.

allauth names the sender after django.contrib.sites (which we do not use) or,
failing that, the request's host: readers would get "[127.0.0.1:8000]" and
"Hej från 127.0.0.1:8000!". The imprint's publication name is what readers know.
"""

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from wagtail.models import Site

from utgivare.core.mail import publication_sender
from utgivare.core.models import ImprintSettings

from . import tasks


def publication_site(request):
    """An object with the `name` and `domain` allauth's e-mail templates print."""
    if request is not None:
        return SimpleNamespace(
            name=ImprintSettings.for_request(request).publication_name,
            domain=request.get_host(),
        )
    return SimpleNamespace(
        name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc
    )


def user_display(user):
    # Readers never choose a username; allauth makes one up from the address.
    return user.get_full_name() or user.email


class PublicationAccountAdapter(DefaultAccountAdapter):
    def get_from_email(self):
        request = allauth_context.request
        return publication_sender(Site.find_for_request(request) if request is not None else None)

    def format_email_subject(self, subject):
        site = publication_site(allauth_context.request)
        return f"[{site.name}] {subject}"

    def send_mail(self, template_prefix, email, context):
        """Render now, send from a task: the request does the same work whether
        or not the address has an account (see tasks.py)."""
        request = allauth_context.request
        site = publication_site(request)
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, **context, "current_site": site},
        )
        tasks.send_account_mail.enqueue(tasks.serialise(message))
