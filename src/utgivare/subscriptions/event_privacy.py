"""Personal data in stored Stripe events: kept only while it is needed.

A Stripe event is stored as delivered, before it is acknowledged (so no
payment is lost). Its payload may carry the payer's name, e-mail, phone and
address. Processing copies what bookkeeping needs into a Payment; after that
the payload needs only ids, amounts, currencies, statuses and times. So:

- an event is scrubbed as soon as it has been processed;
- an event that could not be processed keeps its personal fields for a retry,
  at most `STRIPE_EVENT_RETENTION_DAYS`, then `utgivare scrub_stripe_events`
  scrubs it anyway;
- deleting an account scrubs every event tied to the reader's Stripe
  customers and subscriptions at once, processed or not.

`scrub` and `personal_fields` are plain functions on the payload; the rest
finds the rows they apply to.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import StripeWebhookEvent

# Keys whose values say who a person is, wherever they appear in a payload
# (checkout sessions, customers, invoices, charges, payment methods).
# Values are replaced whole: an `address` dict goes as one.
PERSONAL_KEYS = frozenset(
    {
        "address",
        "billing_details",
        "collected_information",
        "customer_address",
        "customer_details",
        "customer_email",
        "customer_name",
        "customer_phone",
        "customer_shipping",
        "customer_tax_ids",
        "email",
        "name",
        "phone",
        "receipt_email",
        "shipping",
        "shipping_details",
        "tax_ids",
    }
)


def _is_kept(value) -> bool:
    return value not in (None, "", [], {})


def scrub(payload):
    """A copy of the payload with every personal value set to None.

    Ids, amounts, currencies, statuses, times and metadata are kept: the
    bookkeeping and the order of events need them, and they name no one.
    """
    if isinstance(payload, dict):
        return {
            key: None if key in PERSONAL_KEYS and _is_kept(value) else scrub(value)
            for key, value in payload.items()
        }
    if isinstance(payload, list):
        return [scrub(item) for item in payload]
    return payload


def personal_fields(payload, prefix: str = "") -> tuple[str, ...]:
    """Dotted paths of the personal values still in the payload."""
    found: list[str] = []
    if isinstance(payload, dict):
        for key, value in payload.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if key in PERSONAL_KEYS and _is_kept(value):
                found.append(path)
            else:
                found.extend(personal_fields(value, path))
    elif isinstance(payload, list):
        for index, item in enumerate(payload):
            found.extend(personal_fields(item, f"{prefix}[{index}]"))
    return tuple(found)


def retention() -> dt.timedelta:
    return dt.timedelta(days=settings.STRIPE_EVENT_RETENTION_DAYS)


def scrub_row(row: StripeWebhookEvent, *, now: dt.datetime) -> bool:
    """Scrub one stored event; True if anything personal was removed."""
    cleaned = scrub(row.payload)
    changed = cleaned != row.payload
    row.payload = cleaned
    row.scrubbed_at = now
    row.save(update_fields=["payload", "scrubbed_at"])
    return changed


def due_for_scrubbing(now: dt.datetime):
    """Events not yet scrubbed that no longer need their personal data:
    processed ones, and any older than the retention time."""
    return StripeWebhookEvent.objects.filter(scrubbed_at=None).filter(
        Q(processed_at__isnull=False) | Q(received_at__lt=now - retention())
    )


def scrub_due(now: dt.datetime) -> int:
    count = 0
    for row in due_for_scrubbing(now).iterator():
        scrub_row(row, now=now)
        count += 1
    return count


def events_tied_to(*, user_id: int, customer_ids: Iterable[str], subscription_ids: Iterable[str]):
    """Stored events about this reader: their Stripe customers, their
    subscriptions, or checkouts that name their account."""
    customer_ids = [c for c in customer_ids if c]
    subscription_ids = [s for s in subscription_ids if s]
    match = Q(payload__data__object__client_reference_id=str(user_id)) | Q(
        payload__data__object__metadata__user_id=str(user_id)
    )
    if customer_ids:
        match |= Q(payload__data__object__customer__in=customer_ids)
        match |= Q(payload__data__object__id__in=customer_ids)
    if subscription_ids:
        match |= Q(payload__data__object__subscription__in=subscription_ids)
        match |= Q(payload__data__object__id__in=subscription_ids)
    return StripeWebhookEvent.objects.filter(match)


def export_entry(row: StripeWebhookEvent) -> dict:
    """What the reader's data export says about one stored event."""
    kept = personal_fields(row.payload)
    if not kept:
        why = _("Inga personuppgifter sparas i händelsen.")
    elif row.processed_at:
        why = _(
            "Händelsen är behandlad och uppgifterna behövs inte längre; de raderas vid "
            "nästa dagliga rensning."
        )
    else:
        until = row.received_at + retention()
        why = _(
            "Händelsen är ännu inte behandlad. Uppgifterna behövs för att bokföra "
            "betalningen och raderas när den är behandlad, senast %(date)s."
        ) % {"date": timezone.localdate(until).isoformat()}
    return {
        "id": row.event_id,
        "type": row.type,
        "created_at": row.stripe_created.isoformat(),
        "received_at": row.received_at.isoformat(),
        "processed_at": row.processed_at.isoformat() if row.processed_at else None,
        "personal_fields_kept": list(kept),
        "why": why,
    }


def privacy_page_facts(site) -> list[str]:
    """What the privacy page says about stored payment events, from the retention in force."""
    days = settings.STRIPE_EVENT_RETENTION_DAYS
    return [
        ngettext(
            "Betalleverantörens meddelanden om dina betalningar sparas. Namn, e-post och "
            "adress tas bort ur dem så snart betalningen är bokförd, senast efter %(days)d dag, "
            "och direkt om du raderar kontot.",
            "Betalleverantörens meddelanden om dina betalningar sparas. Namn, e-post och "
            "adress tas bort ur dem så snart betalningen är bokförd, senast efter %(days)d dagar, "
            "och direkt om du raderar kontot.",
            days,
        )
        % {"days": days}
    ]
