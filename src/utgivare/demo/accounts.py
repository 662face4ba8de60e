"""Demo accounts and plans: an editor, a reader, and a subscriber with a manual subscription.

Run again, it changes nothing that exists; a password someone changed is
left alone and printed as unknown.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from utgivare.subscriptions import lifecycle
from utgivare.subscriptions.choices import Interval, Source
from utgivare.subscriptions.entitlements import for_reader
from utgivare.subscriptions.models import Plan

# Demo logins printed on the console for a local demo database, not secrets.
DEMO_PASSWORD = "norrvik-demo-2026"  # noqa: S105
UNKNOWN_PASSWORD = "(ändrat – okänt)"  # noqa: S105 - a label, not a password

PLANS = [
    {
        "name": "Helår",
        "description": "Ett år med allt: artiklar, bloggar, poddradio och webb-tv.",
        "price_ore": 119500,
        "interval": Interval.YEAR,
        "sort_order": 1,
    },
    {
        "name": "Månad",
        "description": "Allt, en månad i taget. Säg upp när du vill.",
        "price_ore": 11900,
        "interval": Interval.MONTH,
        "sort_order": 2,
    },
]

ACCOUNTS = [
    # label, username, e-mail, first name, last name, staff
    ("Redaktör (administratör)", "redaktor", "redaktor@example.org", "Rut", "Redaktör", True),
    ("Läsare utan prenumeration", "lasare", "lasare@example.org", "Lars", "Läsare", False),
    ("Prenumerant (Helår)", "prenumerant", "prenumerant@example.org", "Pia", "Prenumerant", False),
]


def load_plans() -> dict[str, Plan]:
    plans = {}
    for values in PLANS:
        # All four content types are the model's defaults.
        plan, _ = Plan.objects.get_or_create(name=values["name"], defaults=values)
        plans[plan.name] = plan
    return plans


def _account(username, email, first_name, last_name, staff):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.is_staff = user.is_superuser = staff
        user.set_password(DEMO_PASSWORD)
        user.save()
        password = DEMO_PASSWORD
    else:
        password = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else UNKNOWN_PASSWORD
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user, password


def load_accounts() -> list[tuple[str, str, str]]:
    """Create the demo plans and accounts; returns (label, e-mail, password) to print."""
    plans = load_plans()
    logins = []
    users = {}
    for label, username, email, first_name, last_name, staff in ACCOUNTS:
        user, password = _account(username, email, first_name, last_name, staff)
        users[username] = user
        logins.append((label, user.email, password))

    subscriber = users["prenumerant"]
    now = timezone.now()
    if not for_reader(subscriber, now).is_subscriber:
        today = timezone.localdate(now)
        start = today - dt.timedelta(days=30)
        lifecycle.register_manual(
            user=subscriber,
            plan=plans["Helår"],
            source=Source.MANUAL,
            start=start,
            end=start + dt.timedelta(days=364),
            note="Demo: betald med Swish",
            amount_ore=plans["Helår"].price_ore,
            actor=lifecycle.Actor("system"),
            now=now,
        )
    return logins
