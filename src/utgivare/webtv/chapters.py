"""Chapter start times as editors type them ("1:05", "01:02:03") and as seconds."""

import re

_TIME = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):([0-5]\d)$")


def parse_start(text: str) -> int | None:
    """Seconds from "m:ss" or "h:mm:ss"; None when the text is not a time."""
    match = _TIME.match((text or "").strip())
    if not match:
        return None
    hours, minutes, seconds = match.groups()
    if hours is not None and int(minutes) > 59:
        return None
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def label(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso_duration(seconds: float) -> str:
    """schema.org duration: PT1H2M3S."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return f"PT{parts}{secs}S" if secs or not parts else f"PT{parts}"
