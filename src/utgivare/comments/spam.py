"""Spam and abuse defence without third-party services.

- a honeypot field people never see (bots fill it in),
- a minimum time between showing the form and sending it,
- rate limits per IP hash and per e-mail address over a short window.

Each check returns a `SpamCheck`; the view turns a refusal into a message that
keeps the commenter's text in the form (a person who was too quick can simply
send again).
"""

from dataclasses import dataclass

# The form is signed when rendered; a token older than this is treated as
# missing, so a form scraped once cannot be replayed for weeks.
FORM_TOKEN_MAX_AGE_SECONDS = 7 * 24 * 3600


# Measured from the reader's first touch of the form (a click or a key in it), the
# least time a person needs: even pasting a prepared text, filling in a name and
# an e-mail address takes longer than this. Scripts that post at once do not.
FIRST_INTERACTION_MIN_SECONDS = 2


def minimum_seconds(configured: int, *, from_first_interaction: bool) -> int:
    """The minimum time to ask for: the site's setting, measured from when the form was
    drawn; from the first interaction, never more than a person pasting a text needs."""
    if from_first_interaction:
        return min(configured, FIRST_INTERACTION_MIN_SECONDS)
    return configured


@dataclass(frozen=True)
class SpamCheck:
    ok: bool
    # "ok", "honeypot", "too_fast", "missing_token", "rate_ip", "rate_email"
    reason: str = "ok"

    def __bool__(self):
        return self.ok


OK = SpamCheck(True)


def check_form(*, honeypot: str, seconds_since_shown: float | None, min_seconds: int) -> SpamCheck:
    """`seconds_since_shown` is None when the form's signed timestamp is missing or forged."""
    if honeypot.strip():
        return SpamCheck(False, "honeypot")
    if seconds_since_shown is None:
        return SpamCheck(False, "missing_token")
    if seconds_since_shown < min_seconds:
        return SpamCheck(False, "too_fast")
    return OK


def check_rate(
    *,
    recent_from_ip: int | None,
    recent_from_email: int,
    max_per_ip: int,
    max_per_email: int,
) -> SpamCheck:
    """Counts are comments within the window, before this one.

    `recent_from_ip` is None when the IP policy stores nothing to count by; a
    limit of 0 switches that limit off.
    """
    if max_per_ip > 0 and recent_from_ip is not None and recent_from_ip >= max_per_ip:
        return SpamCheck(False, "rate_ip")
    if max_per_email > 0 and recent_from_email >= max_per_email:
        return SpamCheck(False, "rate_email")
    return OK
