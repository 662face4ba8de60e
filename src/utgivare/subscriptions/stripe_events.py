"""Is a correctly signed Stripe event shaped as we can store and apply it?

A valid signature says Stripe (or whoever holds the endpoint secret) sent the
body, not that the body is sane. `check(event)` is the rule, a plain function
returning every reason an event is malformed; `store_rejected` keeps a
malformed event for the operator, once, so the webhook can answer 400 with a
stored reason instead of failing on it with a 5xx and a traceback.
"""

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from utgivare.core.text_input import clean_text, has_forbidden_characters

from .event_privacy import scrub
from .models import StripeWebhookEvent

MAX_ID_LENGTH = 100  # StripeWebhookEvent.event_id; Stripe's own ids are ~30
MAX_TYPE_LENGTH = 100  # StripeWebhookEvent.type; Stripe's longest are ~50
# Stripe began in 2010; an event dated after 2100 is not a real one, and
# datetimes (and Python's) end at year 9999 anyway.
EARLIEST_CREATED = int(dt.datetime(2010, 1, 1, tzinfo=dt.UTC).timestamp())
LATEST_CREATED = int(dt.datetime(2100, 1, 1, tzinfo=dt.UTC).timestamp())
# Stripe objects nest a handful of levels; far deeper is not an event.
MAX_DEPTH = 32
REJECTED_PREFIX = "rejected:"


@dataclass(frozen=True)
class EventCheck:
    reasons: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.reasons


def _text_problem(name: str, value, max_length: int) -> str | None:
    if not isinstance(value, str):
        return f"{name} is not a string"
    if not value:
        return f"{name} is empty"
    if len(value) > max_length:
        return f"{name} is longer than {max_length} characters"
    if has_forbidden_characters(value):
        return f"{name} contains control characters"
    return None


def _storage_problem(value, depth: int = 0) -> str | None:
    """Why the payload cannot be kept as JSON in the database, if it cannot."""
    if depth > MAX_DEPTH:
        return f"nested deeper than {MAX_DEPTH} levels"
    if isinstance(value, str):
        # PostgreSQL's jsonb refuses \u0000; lone surrogates are not UTF-8.
        if "\x00" in value or any("\ud800" <= char <= "\udfff" for char in value):
            return "a string holds NUL or a lone surrogate"
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "a number is NaN or infinite"
    if isinstance(value, dict):
        items = list(value.keys()) + list(value.values())
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        problem = _storage_problem(item, depth + 1)
        if problem:
            return problem
    return None


def check(event) -> EventCheck:
    """Every reason `event` (parsed JSON) is not a Stripe event we can store and apply."""
    if not isinstance(event, dict):
        return EventCheck(("the event is not a JSON object",))
    reasons = [
        problem
        for problem in (
            _text_problem("id", event.get("id"), MAX_ID_LENGTH),
            _text_problem("type", event.get("type"), MAX_TYPE_LENGTH),
        )
        if problem
    ]
    if isinstance(event.get("id"), str) and event["id"].startswith(REJECTED_PREFIX):
        reasons.append(f"id starts with {REJECTED_PREFIX!r}, which names rejected events")
    created = event.get("created")
    # bool is an int in Python, but `true` is no time.
    if not isinstance(created, int) or isinstance(created, bool):
        reasons.append("created is not an integer")
    elif not EARLIEST_CREATED <= created <= LATEST_CREATED:
        reasons.append("created is not between 2010 and 2100")
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        reasons.append("data.object is not a JSON object")
    storage = _storage_problem(event)
    if storage:
        reasons.append(storage)
    return EventCheck(tuple(reasons))


def storable(value, depth: int = 0):
    """`value` with what the database cannot hold replaced, to keep a rejected event."""
    if depth > MAX_DEPTH:
        return "…"
    if isinstance(value, str):
        return clean_text(value.encode("utf-8", "replace").decode("utf-8"))
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {storable(k, depth + 1): storable(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(item, depth + 1) for item in value]
    return value


def rejected_key(event) -> str:
    """A stable key for a malformed event: the same delivery again finds the same row.

    The event's own id cannot serve (it may be missing, too long or hold NUL),
    so the key is a digest of the whole event as parsed.
    """
    canonical = json.dumps(event, sort_keys=True, ensure_ascii=True, default=repr)
    return REJECTED_PREFIX + hashlib.sha256(canonical.encode("ascii")).hexdigest()


def store_rejected(event, result: EventCheck) -> tuple[StripeWebhookEvent, bool]:
    """Keep a malformed event as rejected, with why; (row, created). Applied never."""
    key = rejected_key(event)
    event_type = event.get("type") if isinstance(event, dict) else None
    now = timezone.now()
    try:
        with transaction.atomic():
            row = StripeWebhookEvent.objects.create(
                event_id=key,
                type=storable(event_type)[:MAX_TYPE_LENGTH] if isinstance(event_type, str) else "",
                # Never applied, so nothing in it is needed: kept without personal data.
                payload=scrub(storable(event)),
                scrubbed_at=now,
                stripe_created=now,
                # Processed as far as it ever will be: no worker picks it up.
                processed_at=now,
                outcome="rejected",
                rejected_reason="; ".join(result.reasons),
            )
        return row, True
    except IntegrityError:
        return StripeWebhookEvent.objects.get(event_id=key), False
