"""Serving a video page's files: the original, its HLS playlists and segments, captions.

`/videofiler/<token>/<file>`: the token (webtv.addresses) is checked, then the
page (live, public), then media decides again whether the token's subject may
fetch it now (media.grants.check: a free video for anyone, a subscriber while
covered, a metered reader's short grant). Files are answered
by media.serving: Range for seeking (206, 416), HEAD, or an S3 presigned redirect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from utgivare.core import caching
from utgivare.media import grants, serving
from utgivare.media.models import private_storage
from utgivare.paywall import gate
from utgivare.paywall.levels import AccessLevel

from . import addresses
from .models import VideoPage

_HLS = re.compile(r"^hls/(?:(\d{2,4}p)/)?(master\.m3u8|index\.m3u8|seg_\d{4,6}\.ts)$")
_CAPTION = re.compile(r"^textning/(\d{1,12})\.vtt$")
HLS_TYPES = {"m3u8": "application/vnd.apple.mpegurl", "ts": "video/mp2t"}
PUBLIC_MAX_AGE = 3600
REDIRECTED_TYPES = {"video/mp4", "video/webm", "video/mp2t"}


@dataclass(frozen=True)
class _Name:
    storage: object
    name: str


@dataclass(frozen=True)
class StoredFile:
    """What media.serving reads of a file (`file.storage`, `file.name`, `size`,
    `mime_type`), for files that are not MediaFile rows: renditions and captions."""

    file: _Name
    size: int
    mime_type: str


def stored_file(video, name) -> StoredFile | None:
    """The stored file an address inside the token's folder asks for, or None."""
    storage = private_storage()
    if name == video.file_name:
        return StoredFile(_Name(storage, video.file.name), video.size, video.content_type)
    stored = content_type = None
    if match := _HLS.match(name):
        rung, file_name = match.groups()
        if video.hls_ready and (rung is None) == (file_name == "master.m3u8"):
            stored = (
                f"{video.hls_dir}/{rung}/{file_name}" if rung else f"{video.hls_dir}/{file_name}"
            )
            content_type = HLS_TYPES[file_name.rsplit(".", 1)[1]]
    elif match := _CAPTION.match(name):
        caption = video.captions.filter(pk=int(match.group(1))).first()
        if caption is not None:
            stored, content_type = caption.file.name, "text/vtt; charset=utf-8"
    if stored is None or not storage.exists(stored):
        return None
    return StoredFile(_Name(storage, stored), storage.size(stored), content_type)


def refused(request, message):
    response = render(request, "webtv/media_refused.html", {"message": message}, status=403)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "HEAD"])
def media(request, token: str, name: str):
    now = gate.now()
    grant = addresses.verify(token, now)
    if grant is None:
        return refused(
            request,
            _("Adressen till videon har gått ut eller är felaktig. Ladda om sidan med videon."),
        )
    page = (
        VideoPage.objects.live().public().select_related("video").filter(pk=grant.file_id).first()
    )
    if page is None or page.video is None or not page.video.file:
        raise Http404
    check = grants.check(request, grant, page, now)
    if not check.allowed:
        return refused(request, _("Videon ingår i en prenumeration som inte gäller längre."))
    found = stored_file(page.video, name)
    if found is None:
        raise Http404
    if check.level != AccessLevel.FREE:
        caching.mark_personal(request, "paid video file")
    # Large files go straight from S3; playlists and captions come from us, so a
    # playlist's relative addresses resolve under this signed folder, not the bucket.
    if serving.signs_its_own_urls(found.file.storage) and found.mime_type in REDIRECTED_TYPES:
        return serving.presigned_redirect(found)
    response: HttpResponse = serving.file_response(request, found)
    if response.status_code < 400:
        if check.level == AccessLevel.FREE:
            response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        else:
            # Never past the grant's expiry, and never in a shared cache.
            remaining = int(grant.expires - now.timestamp()) if grant.expires else PUBLIC_MAX_AGE
            response["Cache-Control"] = f"private, max-age={max(0, min(PUBLIC_MAX_AGE, remaining))}"
    return response
