"""Signal receivers: merge the meters at login, count new subscriptions."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from utgivare.subscriptions.signals import subscription_started

from . import gate, meters
from .models import PaywallEvent, PaywallSettings


@receiver(user_logged_in, dispatch_uid="paywall_merge_meter_at_login")
def merge_meter_at_login(sender, request, user, **kwargs):
    """The anonymous meter joins the account's: the larger use wins (see access.merge_meters)."""
    if request is None:
        return
    when = gate.now()
    anonymous = meters.read_anonymous(request.COOKIES, when)
    if not anonymous.meter.read_ids:
        return
    limit = PaywallSettings.for_request(request).free_reads_per_month
    meters.merge_into_account(user, anonymous.meter, limit=limit, now=when)


@receiver(subscription_started, dispatch_uid="paywall_count_conversion")
def count_conversion(sender, user=None, subscription=None, when=None, **kwargs):
    """Counted for the piece whose paywall the reader last met this month, if any."""
    when = when or gate.now()
    piece = meters.walled_piece(user, now=when) if user is not None else None
    gate.record_event(PaywallEvent.Kind.CONVERSION, when, piece)
