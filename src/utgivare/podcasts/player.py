"""The address the episode page's player gets, from the gate's decision.

- a free episode: a public address that never expires (the page is the same for
  every reader, so a shared cache may keep it);
- a subscriber or staff: an address for their account, asked again at each fetch;
- a metered read the gate allowed: a meter address valid for a few hours.
A reader without access gets no address at all.
"""

import datetime as dt

from utgivare.media.access import subject_for
from utgivare.media.addresses import PAGE_GRANT, signed_path


def grant_expiry(now: dt.datetime, lifetime: dt.timedelta) -> dt.datetime:
    """Rounded up to the hour: the same reader gets the same address for an hour,
    so the browser's cache and a resumed download keep working."""
    end = now + lifetime
    return end.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)


def audio_path(episode, subject: str | None, now: dt.datetime) -> str:
    if subject is None or episode.audio_id is None:
        return ""
    expires = None if subject == "p" else grant_expiry(now, PAGE_GRANT)
    return signed_path(episode.audio, subject, expires, episode.slug)


def player_context(request, episode, access) -> dict:
    from utgivare.paywall.gate import request_state

    now = request_state(request).now
    subject = subject_for(access, getattr(request, "user", None))
    src = audio_path(episode, subject, now)
    return {
        "audio_src": src,
        "chapter_links": [
            (chapter, f"{src}#t={chapter.start_seconds}" if src else "")
            for chapter in episode.chapter_list
        ],
    }
