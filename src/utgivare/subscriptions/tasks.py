from django_tasks import task

from . import webhooks


@task()
def process_stripe_event(event_pk: int) -> str:
    """Apply a stored Stripe event (runs in the request with the immediate backend)."""
    return webhooks.process(event_pk)


@task()
def send_reader_mail(subject: str, body: str, from_email: str, to: list[str]) -> None:
    from django.core.mail import send_mail

    send_mail(subject, body, from_email, to)
