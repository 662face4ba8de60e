from django_tasks import task

from . import webhooks


@task()
def process_stripe_event(event_pk: int) -> str:
    """Apply a stored Stripe event (runs in the request with the immediate backend)."""
    return webhooks.process(event_pk)
