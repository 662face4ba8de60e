"""The privacy page: what the site stores about readers, from the settings in force.

Each fact is read from the setting or constant that decides it (cookie
lifetimes, the comment IP policy), so the page cannot drift from what the
code does.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from utgivare.comments.models import CommentSettings
from utgivare.comments.privacy import privacy_notice, report_notice
from utgivare.paywall import meters


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    lifetime: str


def _days(seconds: int) -> str:
    days = max(1, round(seconds / 86400))
    return ngettext("%(days)d dag", "%(days)d dagar", days) % {"days": days}


def cookies() -> list[Cookie]:
    return [
        Cookie(
            meters.COOKIE_NAME,
            _(
                "Räknar de artiklar du läst gratis denna månad: månaden och artiklarnas "
                "nummer, inget om vem du är. Sätts bara när du läser en artikel som ingår "
                "i månadens gratisartiklar."
            ),
            _days(meters.COOKIE_MAX_AGE),
        ),
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _("Håller dig inloggad. Sätts bara när du loggar in."),
            _days(settings.SESSION_COOKIE_AGE),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Skyddar formulär mot förfalskade inskick från andra webbplatser."),
            _days(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            _("Minns språket du valt. Sätts bara om du byter språk."),
            _days(365 * 86400),
        ),
    ]


def comment_facts(site) -> list[str]:
    comment_settings = CommentSettings.for_site(site)
    return [
        *privacy_notice(
            ip_policy=comment_settings.ip_policy,
            retention_days=comment_settings.ip_retention_days,
            moderation_mode=comment_settings.moderation_mode,
        ),
        # Under every IP policy, also "none": reports are counted per person.
        report_notice(),
    ]


def payment_event_fact() -> str:
    days = settings.STRIPE_EVENT_RETENTION_DAYS
    return ngettext(
        "Betalleverantörens meddelanden om dina betalningar sparas. Namn, e-post och "
        "adress tas bort ur dem så snart betalningen är bokförd, senast efter %(days)d dag, "
        "och direkt om du raderar kontot.",
        "Betalleverantörens meddelanden om dina betalningar sparas. Namn, e-post och "
        "adress tas bort ur dem så snart betalningen är bokförd, senast efter %(days)d dagar, "
        "och direkt om du raderar kontot.",
        days,
    ) % {"days": days}
