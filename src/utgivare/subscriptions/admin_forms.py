import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from .choices import Source, Status
from .lifecycle import period_end
from .models import Plan, Subscription
from .money import parse_kr

STAFF_SOURCES = [
    (Source.MANUAL, Source.MANUAL.label),
    (Source.COMPLIMENTARY, Source.COMPLIMENTARY.label),
]


def last_day(end: dt.datetime | None) -> dt.date | None:
    """The last day of access for an exclusive end moment."""
    return timezone.localdate(end - dt.timedelta(microseconds=1)) if end else None


class ManualSubscriptionForm(WagtailAdminModelForm):
    """Staff register a subscriber who paid by invoice or Swish, or got it free."""

    email = forms.EmailField(
        label=_("Läsarens e-post"),
        help_text=_(
            "Finns inget konto med adressen skapas ett. Läsaren loggar in med en "
            "engångskod som skickas till adressen."
        ),
    )
    first_name = forms.CharField(label=_("Förnamn"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), required=False, max_length=150)
    start_date = forms.DateField(label=_("Gäller från"), widget=AdminDateInput)
    end_date = forms.DateField(
        label=_("Gäller till och med"),
        required=False,
        widget=AdminDateInput,
        help_text=_(
            "Tomt: en period enligt planen för en betald prenumeration, tills vidare för en fri."
        ),
    )
    amount = forms.CharField(
        label=_("Betalt belopp i kronor"),
        required=False,
        help_text=_("Till exempel 1195. Registreras som betalning för bokföringen."),
    )

    class Meta:
        model = Subscription
        fields = ["plan", "source", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = STAFF_SOURCES
        self.fields["source"].initial = Source.MANUAL
        self.fields["plan"].queryset = Plan.objects.order_by("-active", "sort_order", "name")
        self.fields["start_date"].initial = timezone.localdate
        self.order_fields(
            ["email", "first_name", "last_name", "plan", "source", "start_date", "end_date"]
        )

    def clean_amount(self):
        text = self.cleaned_data["amount"].strip()
        if not text:
            return None
        try:
            return parse_kr(text)
        except ValueError:
            raise forms.ValidationError(
                _("Skriv beloppet i kronor, till exempel 1195 eller 99,50.")
            ) from None

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatum kan inte vara före startdatum."))
        if data.get("source") == Source.MANUAL and not end and start and data.get("plan"):
            # A paid subscription runs one period of its plan unless staff say otherwise.
            data["end_date"] = period_end(start, data["plan"].interval)
        return data


class ChangeManualSubscriptionForm(WagtailAdminModelForm):
    """Extend, end or move a manual or complimentary subscription."""

    end_date = forms.DateField(
        label=_("Gäller till och med"),
        required=False,
        widget=AdminDateInput,
        help_text=_("Tomt: tills vidare."),
    )

    class Meta:
        model = Subscription
        fields = ["plan", "status", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (Status.ACTIVE, Status.ACTIVE.label),
            (Status.CANCELED, Status.CANCELED.label),
            (Status.EXPIRED, _("avslutad nu")),
        ]
        self.fields["end_date"].initial = last_day(self.instance.current_period_end)
