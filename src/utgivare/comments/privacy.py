"""What we keep of a commenter's IP address, and the notice that says so.

The notice under the comment form is generated from the same settings that
decide what is stored, so it cannot drift from the truth.
"""

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from utgivare.core.ip_hashing import ip_hash, network_of

from .moderation import ModerationMode

__all__ = ["IpPolicy", "IpRecord", "ip_hash", "network_of", "record_for", "reporter_hash"]


class IpPolicy(models.TextChoices):
    NONE = "none", gettext_lazy("Spara inte IP-adressen")
    HASH = "hash", gettext_lazy("Spara en nyckelkodad kontrollsumma (hash) av IP-adressen")
    STORE = "store", gettext_lazy("Spara IP-adressen")


@dataclass(frozen=True)
class IpRecord:
    """What goes into the comment row."""

    ip_address: str | None
    ip_hash: str


# How long the address hash of a report is kept at most (purge_comment_ips).
REPORTER_HASH_DAYS = 7
# Addresses we cannot read all count as one reporter.
_UNKNOWN_ADDRESS = "unknown"


def reporter_hash(ip: str, key: bytes, comment_id: int) -> str:
    """Who reported a comment, for counting each person once, under every IP policy.

    A keyed hash of the address (its /64 for IPv6) and the comment: the same
    address gives the same value for one comment only, so the value cannot be
    matched against comments' IP hashes, bans or reports of other comments.
    It is kept until a moderator handles the report, at most REPORTER_HASH_DAYS.
    """
    network = network_of(ip) or _UNKNOWN_ADDRESS
    message = f"{comment_id}:{network}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:20]


def report_notice() -> str:
    """What reporting a comment stores: for the privacy page and the report form."""
    return ngettext(
        "När du anmäler en kommentar sparar vi en nyckelkodad kontrollsumma (hash) av "
        "din IP-adress, så att varje person räknas en gång. Den går inte att jämföra med "
        "något annat vi sparar, används bara till att räkna anmälningar och raderas när "
        "en moderator har granskat anmälan, senast efter %(days)d dag.",
        "När du anmäler en kommentar sparar vi en nyckelkodad kontrollsumma (hash) av "
        "din IP-adress, så att varje person räknas en gång. Den går inte att jämföra med "
        "något annat vi sparar, används bara till att räkna anmälningar och raderas när "
        "en moderator har granskat anmälan, senast efter %(days)d dagar.",
        REPORTER_HASH_DAYS,
    ) % {"days": REPORTER_HASH_DAYS}


def record_for(ip: str, policy: str, key: bytes) -> IpRecord:
    if policy == IpPolicy.NONE:
        return IpRecord(ip_address=None, ip_hash="")
    hashed = ip_hash(ip, key)
    if policy == IpPolicy.STORE:
        try:
            valid = str(ipaddress.ip_address(ip.strip()))
        except ValueError:
            valid = None
        return IpRecord(ip_address=valid, ip_hash=hashed)
    return IpRecord(ip_address=None, ip_hash=hashed)


def privacy_notice(*, ip_policy: str, retention_days: int, moderation_mode: str) -> list[str]:
    """Sentences for under the comment form, true for the settings in force."""
    sentences = [
        _(
            "Din e-postadress publiceras inte. Namn, e-postadress och webbplats sparas "
            "med kommentaren och kan ses av redaktionen."
        )
    ]
    days = ngettext(
        "%(days)d dag",
        "%(days)d dagar",
        retention_days,
    ) % {"days": retention_days}
    if ip_policy == IpPolicy.NONE:
        sentences.append(_("Din IP-adress sparas inte."))
    elif ip_policy == IpPolicy.HASH:
        sentences.append(
            _(
                "Din IP-adress sparas inte. Vi sparar en nyckelkodad kontrollsumma av den, "
                "som räcker för att stoppa spam och spärra missbruk men inte för att "
                "identifiera dig. Den raderas efter %(days)s."
            )
            % {"days": days}
        )
    else:
        sentences.append(
            _("Din IP-adress sparas och kan ses av redaktionen. Den raderas efter %(days)s.")
            % {"days": days}
        )
    if moderation_mode == ModerationMode.PRE_ALL:
        sentences.append(_("Alla kommentarer granskas innan de publiceras."))
    elif moderation_mode == ModerationMode.PRE_FIRST:
        sentences.append(
            _(
                "Din första kommentar granskas innan den publiceras. Därefter publiceras "
                "dina kommentarer direkt, om inget i dem behöver granskas."
            )
        )
    else:
        sentences.append(_("Kommentarer publiceras direkt och granskas i efterhand."))
    return sentences


def privacy_page_facts(comment_settings) -> list[str]:
    """What the privacy page says under "När du kommenterar", from a site's CommentSettings."""
    return [
        *privacy_notice(
            ip_policy=comment_settings.ip_policy,
            retention_days=comment_settings.ip_retention_days,
            moderation_mode=comment_settings.moderation_mode,
        ),
        # Under every IP policy, also "none": reports are counted per person.
        report_notice(),
    ]
