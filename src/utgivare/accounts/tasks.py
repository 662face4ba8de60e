"""Account e-mail (confirmation, login code, password reset, "you already have
an account"), sent by a django-tasks task.

The request only renders the message and enqueues it, for known and unknown
addresses alike, so a slow mail server cannot make one answer slower than the
other (and tell an onlooker which addresses have accounts).
"""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task


def serialise(message: EmailMessage) -> dict:
    """What the task needs to send the message again, as JSON."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers or {}),
        "content_subtype": message.content_subtype,
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


@task()
def send_account_mail(message: dict) -> int:
    mail = EmailMultiAlternatives(
        message["subject"],
        message["body"],
        message["from_email"],
        message["to"],
        headers=message["headers"] or None,
    )
    mail.content_subtype = message["content_subtype"]
    for content, mimetype in message["alternatives"]:
        mail.attach_alternative(content, mimetype)
    return mail.send()
