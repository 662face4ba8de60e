"""Whether a new comment is published at once or held for a moderator.

The ansvarig utgivare answers for what is published, so the default holds a
commenter's first comment; banned words, many links and a name that imitates
the piece's author hold any comment, whatever the mode.
"""

import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .comment_text import count_links


class ModerationMode(models.TextChoices):
    PRE_ALL = "pre_all", _("Granska alla kommentarer innan publicering")
    PRE_FIRST = "pre_first", _("Granska nya kommentatorers första kommentar")
    POST = "post", _("Publicera direkt, granska i efterhand")


class Status(models.TextChoices):
    PENDING = "pending", _("Väntar på granskning")
    APPROVED = "approved", _("Publicerad")
    REJECTED = "rejected", _("Avvisad")
    SPAM = "spam", _("Skräppost")


REASONS = {
    "trusted": _("Skriven av redaktionen"),
    "banned_word": _("Innehåller ett spärrat ord"),
    "too_many_links": _("För många länkar"),
    "reserved_name": _("Namnet liknar skribentens eller utgivarens"),
    "pre_moderate_all": _("Alla kommentarer granskas"),
    "first_comment": _("Första kommentaren från den här adressen"),
    "known_commenter": _("Kommentatorn har godkända kommentarer sedan tidigare"),
    "post_moderation": _("Granskas i efterhand"),
}


@dataclass(frozen=True)
class Submission:
    text: str
    name: str
    # A moderator, or the piece's own author, logged in.
    is_trusted: bool = False
    # An earlier comment by this account (or, for guests, this name and e-mail) was approved.
    has_approved_history: bool = False


@dataclass(frozen=True)
class Rules:
    mode: str = ModerationMode.PRE_FIRST
    banned_words: tuple[str, ...] = ()
    max_links: int = 2
    # Names only staff may write under (the piece's author, the ansvarig utgivare).
    reserved_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    status: str
    reasons: tuple[str, ...]

    @property
    def published(self) -> bool:
        return self.status == Status.APPROVED


def parse_word_list(raw: str) -> tuple[str, ...]:
    """One word or phrase a line (commas also separate); blank lines and #-comments ignored."""
    words = []
    for line in (raw or "").splitlines():
        line = line.split("#", 1)[0]
        for part in line.split(","):
            part = part.strip().lower()
            if part:
                words.append(part)
    return tuple(dict.fromkeys(words))


def _word_pattern(word: str) -> re.Pattern:
    # "bedrag*" holds "bedragare" and "bedrägeri"-like stems; otherwise whole words only.
    if word.endswith("*"):
        return re.compile(r"(?<!\w)" + re.escape(word[:-1]) + r"\w*", re.IGNORECASE)
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)


def banned_words_in(text: str, banned_words: tuple[str, ...]) -> list[str]:
    return [word for word in banned_words if word.strip("*") and _word_pattern(word).search(text)]


def _normalised_name(name: str) -> str:
    return " ".join(name.casefold().split())


def initial_status(submission: Submission, rules: Rules) -> Verdict:
    if submission.is_trusted:
        return Verdict(Status.APPROVED, ("trusted",))
    held = []
    if banned_words_in(submission.text, rules.banned_words) or banned_words_in(
        submission.name, rules.banned_words
    ):
        held.append("banned_word")
    if count_links(submission.text) > rules.max_links:
        held.append("too_many_links")
    reserved = {_normalised_name(n) for n in rules.reserved_names if n.strip()}
    if _normalised_name(submission.name) in reserved:
        held.append("reserved_name")
    if held:
        return Verdict(Status.PENDING, tuple(held))
    if rules.mode == ModerationMode.PRE_ALL:
        return Verdict(Status.PENDING, ("pre_moderate_all",))
    if rules.mode == ModerationMode.PRE_FIRST:
        if submission.has_approved_history:
            return Verdict(Status.APPROVED, ("known_commenter",))
        return Verdict(Status.PENDING, ("first_comment",))
    return Verdict(Status.APPROVED, ("post_moderation",))


def hidden_by_reports(open_reports: int, threshold: int) -> bool:
    """Readers' reports hide a comment until a moderator reviews it (0 = never hide)."""
    return threshold > 0 and open_reports >= threshold


@dataclass(frozen=True)
class Reporter:
    """Who made a report, as far as counting needs: an account, and a keyed hash of
    the address (comments.privacy.reporter_hash; "" once purged)."""

    account_id: int | None = None
    address_hash: str = ""


def same_reporter(new: Reporter, earlier: Reporter) -> bool:
    """Does `new` repeat `earlier`? Then it must not count again.

    Two accounts are two people, even at one address (a household, an office).
    Without an account on either side the address is all we know, so one
    address counts once: one person cannot hide a comment by clearing cookies,
    whatever the site stores about commenters' addresses.
    """
    if new.account_id and earlier.account_id:
        return new.account_id == earlier.account_id
    return bool(new.address_hash) and new.address_hash == earlier.address_hash
