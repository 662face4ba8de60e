"""What the video page's player gets: addresses the reader may fetch, tracks, chapters.

Nothing here for a reader without access: the page shows the poster and the
paywall box, and no address of the file, its HLS or its captions.
"""

from __future__ import annotations

from utgivare.media.access import subject_for
from utgivare.paywall import gate

from . import addresses, captions, hls


def media_base(page, request, access) -> str:
    """The signed folder every file of this video is fetched under (ends with "/")."""
    subject = subject_for(access, getattr(request, "user", None))
    now = gate.request_state(request).now
    return addresses.folder(addresses.token_for(page.pk, subject, now, page.video.duration))


def player_for(request, page, access) -> dict | None:
    video = page.video
    if not access.full or video is None or not video.file:
        return None
    base = media_base(page, request, access)
    tracks = []
    default_given = False
    for caption in video.captions.all():
        # Swedish captions are on by default (the first Swedish track); others selectable.
        is_default = caption.language == captions.DEFAULT_LANGUAGE and not default_given
        default_given = default_given or is_default
        tracks.append(
            {
                "url": f"{base}textning/{caption.pk}.vtt",
                "language": caption.language,
                "label": caption.display_label,
                "default": is_default,
            }
        )
    return {
        "file_url": base + video.file_name,
        "content_type": video.content_type,
        "hls_url": f"{base}hls/{hls.MASTER}" if video.hls_ready else "",
        "tracks": tracks,
        "width": video.width,
        "height": video.height,
    }
