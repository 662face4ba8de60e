"""Taking a reader's comment: the checks that may refuse it (`refusal`), then
storing it with everything that follows (`post_comment`).

The view parses the form and answers; what is checked and what is stored is
decided here, from data (the form's values, the commenter, the site's
settings, `now`), never from the request.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from utgivare.core import addresses, ip_hashing

from . import comment_text, privacy, reply_notifications, spam, tasks, threads
from .models import Ban, Comment
from .moderating import Action, record
from .moderation import Status, Submission, initial_status
from .privacy import IpPolicy
from .staff import Staff


class ReplyTargetGone(Exception):
    """The comment being answered is no longer published."""


def ip_key() -> bytes:
    """The key for comments' IP hashes (core.ip_hashing); bans match by it."""
    return ip_hashing.ip_key("utgivare.comments.ip-hash")


# --- The checks before anything is stored --------------------------------------------

_TOO_EARLY = gettext_lazy(
    "Formuläret skickades innan det hann laddas färdigt. Vänta några sekunder och skicka igen."
)
REFUSAL_MESSAGES = {
    # A bot filled in the field people never see: it gets no form back.
    "honeypot": gettext_lazy("Kommentaren kunde inte tas emot."),
    "too_fast": _TOO_EARLY,
    # No token: the page came from a cache and the browser ran no script (comments.js
    # asks for one when the reader first touches the form). The form comes back
    # with one, and the text kept.
    "missing_token": gettext_lazy(
        "Vi behövde kontrollera att kommentaren inte kommer från en robot. Din text finns "
        "kvar: vänta några sekunder och skicka igen."
    ),
    "banned": gettext_lazy(
        "Du kan inte kommentera här. Kontakta redaktionen om du tror att det är fel."
    ),
    "rate_ip": gettext_lazy(
        "Du har skrivit många kommentarer på kort tid. Vänta en stund och försök igen."
    ),
    "rate_email": gettext_lazy(
        "Du har skrivit många kommentarer på kort tid. Vänta en stund och försök igen."
    ),
}


@dataclass(frozen=True)
class Refusal:
    # "honeypot", "too_fast", "missing_token" (spam.check_form), "banned",
    # "rate_ip", "rate_email" (spam.check_rate)
    reason: str

    @property
    def message(self) -> Promise:
        return REFUSAL_MESSAGES[self.reason]


def is_banned(*, email: str, hashed_ip: str, now) -> bool:
    match = Q(kind=Ban.Kind.EMAIL, value=addresses.normalise(email))
    if hashed_ip:
        match |= Q(kind=Ban.Kind.IP_HASH, value=hashed_ip)
    return (
        Ban.objects.filter(match)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .exists()
    )


def recent_counts(*, email: str, hashed_ip: str, ip_policy: str, since) -> tuple[int | None, int]:
    """Comments in the window from this IP hash (None: the policy keeps nothing) and e-mail."""
    from_ip = None
    if ip_policy != IpPolicy.NONE and hashed_ip:
        from_ip = Comment.objects.filter(ip_hash=hashed_ip, created_at__gte=since).count()
    from_email = Comment.objects.filter(
        author_email=addresses.normalise(email), created_at__gte=since
    ).count()
    return from_ip, from_email


def refusal(
    *,
    honeypot: str,
    seconds_since_shown: float | None,
    email: str,
    ip: str,
    is_moderator: bool,
    comment_settings,
    now: dt.datetime,
    from_first_interaction: bool = False,
) -> Refusal | None:
    """Why this post must not be stored, or None: the spam checks on the form,
    then bans and rate limits (which moderators, who answer for the thread, skip)."""
    check = spam.check_form(
        honeypot=honeypot,
        seconds_since_shown=seconds_since_shown,
        min_seconds=spam.minimum_seconds(
            comment_settings.min_seconds_to_submit, from_first_interaction=from_first_interaction
        ),
    )
    if not check:
        return Refusal(check.reason)
    if is_moderator:
        return None
    hashed_ip = privacy.ip_hash(ip, ip_key())
    if is_banned(email=email, hashed_ip=hashed_ip, now=now):
        return Refusal("banned")
    from_ip, from_email = recent_counts(
        email=email,
        hashed_ip=hashed_ip,
        ip_policy=comment_settings.ip_policy,
        since=now - dt.timedelta(minutes=comment_settings.rate_window_minutes),
    )
    rate = spam.check_rate(
        recent_from_ip=from_ip,
        recent_from_email=from_email,
        max_per_ip=comment_settings.max_per_ip,
        max_per_email=comment_settings.max_per_email,
    )
    if not rate:
        return Refusal(rate.reason)
    return None


# --- Storing ------------------------------------------------------------------------


@dataclass(frozen=True)
class NewComment:
    page_id: int
    name: str
    email: str
    website: str
    text: str
    in_reply_to_id: int | None = None
    notify_replies: bool = False


def has_approved_history(*, user, email: str, name: str) -> bool:
    """Has this commenter been approved before? Accounts by account; guests by name and e-mail."""
    guest = Q(author_email=addresses.normalise(email), author_name__iexact=name.strip())
    match = guest | Q(user=user) if user is not None and user.is_authenticated else guest
    return Comment.objects.filter(match, status=Status.APPROVED).exists()


def post_comment(
    data: NewComment,
    *,
    user,
    ip: str,
    comment_settings,
    staff: Staff,
    is_moderator: bool,
    now,
) -> Comment:
    """Store a new comment and everything that follows from it, in one transaction.

    Raises ReplyTargetGone if the answered comment is not (or no longer) public,
    and DatabaseError if the database fails (nothing is then stored).
    """
    email = addresses.normalise(data.email)
    user = user if user is not None and user.is_authenticated else None
    # Moderators and the piece's own author are published without review.
    trusted = is_moderator or (user is not None and user.pk == staff.author_user_id)
    with transaction.atomic():
        thread = threads.locked(data.page_id)
        answered = None
        if data.in_reply_to_id:
            answered = (
                Comment.objects.public()
                .filter(pk=data.in_reply_to_id, page_id=data.page_id)
                .first()
            )
            if answered is None:
                raise ReplyTargetGone(data.in_reply_to_id)
        verdict = initial_status(
            Submission(
                text=data.text,
                name=data.name,
                is_trusted=trusted,
                has_approved_history=has_approved_history(user=user, email=email, name=data.name),
            ),
            comment_settings.moderation_rules(staff.reserved_names),
        )
        ip_record = privacy.record_for(ip, comment_settings.ip_policy, ip_key())
        comment = threads.add_comment(
            data.page_id,
            answered,
            max_depth=comment_settings.max_depth,
            status=verdict.status,
            held_reasons=list(verdict.reasons),
            author_name=data.name.strip(),
            author_email=email,
            author_website=comment_text.safe_website(data.website),
            text=data.text,
            user=user,
            ip_address=ip_record.ip_address,
            ip_hash=ip_record.ip_hash,
            created_at=now,
            moderated_at=now if verdict.published else None,
            notify_replies=data.notify_replies,
            notify_confirmed=data.notify_replies
            and reply_notifications.address_confirmed(user, email),
        )
        record(
            comment,
            Action.CREATED,
            user,
            actor_label=comment.author_name,
            reason=", ".join(verdict.reasons),
            changes={"status": [None, comment.status]},
            now=now,
        )
        threads.refresh(thread, now=now, new_comment=True)

        comment_id = comment.pk
        # robust: the comment is stored once this runs; a queue that fails now
        # must not turn the reader's answer into "not stored" (they would send
        # it again). The failure is logged; the e-mail is what is lost.
        transaction.on_commit(lambda: tasks.notify_new_comment.enqueue(comment_id), robust=True)
        if comment.notify_replies and not comment.notify_confirmed:
            transaction.on_commit(
                lambda: tasks.confirm_reply_notifications.enqueue(comment_id), robust=True
            )
        if verdict.published:
            reply_notifications.after_publish([comment])
    return comment
