"""Asking, at each fetch, whether a verified grant still reaches its piece: the piece's
level from `paywall.gate.piece_level`, the subject's entitlements from
`subscriptions.entitlements`, the rule from `media.access.may_fetch`."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from wagtail.models import Site

from utgivare.paywall import gate
from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings
from utgivare.subscriptions.entitlements import for_reader

from .access import may_fetch


@dataclass(frozen=True)
class GrantCheck:
    allowed: bool
    level: str


def check(request, grant, piece, now) -> GrantCheck:
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    level = gate.piece_level(piece, PaywallSettings.for_site(site))
    covered = staff = False
    if grant.user_id is not None and level != AccessLevel.FREE:
        user = get_user_model().objects.filter(pk=grant.user_id, is_active=True).first()
        if user is not None:
            staff = gate.is_staff(user)
            covered = for_reader(user, now).covers(piece.paywall_content_type)
    decision = may_fetch(subject=grant.subject, level=level, covered=covered, is_staff=staff)
    return GrantCheck(decision.allowed, level)
