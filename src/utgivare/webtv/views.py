"""Serving a video's files: the original, its HLS playlists and segments, its captions.

`/videofiler/<page id>/<token>/<file>`: the token is checked first
(webtv.signing), then the page (live, public, still a video), then the file
is served with Range support for seeking. A free video's token is "fri" and
works only while the video is free.
"""

from __future__ import annotations

import re

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Site

from utgivare.paywall import gate
from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings

from . import signing
from .models import VideoPage
from .serving import serve_stored_file
from .storage import private_storage

_HLS = re.compile(r"^hls/(?:(\d{2,4}p)/)?(master\.m3u8|index\.m3u8|seg_\d{4,6}\.ts)$")
_CAPTION = re.compile(r"^textning/(\d{1,12})\.vtt$")
HLS_TYPES = {"m3u8": "application/vnd.apple.mpegurl", "ts": "video/mp2t"}
PUBLIC_MAX_AGE = 3600


def stored_name(video, name) -> tuple[str, str] | None:
    """(name in private storage, Content-Type) of a file the address may ask for."""
    if name == video.file_name:
        return video.file.name, video.content_type
    if match := _HLS.match(name):
        rung, file_name = match.groups()
        if not video.hls_ready or (rung is None) != (file_name == "master.m3u8"):
            return None
        path = f"{video.hls_dir}/{rung}/{file_name}" if rung else f"{video.hls_dir}/{file_name}"
        return path, HLS_TYPES[file_name.rsplit(".", 1)[1]]
    if match := _CAPTION.match(name):
        caption = video.captions.filter(pk=int(match.group(1))).first()
        if caption is not None:
            return caption.file.name, "text/vtt; charset=utf-8"
    return None


def refused(request, reason: str):
    message = (
        _("Adressen till videon har gått ut. Ladda om sidan med videon för att se den igen.")
        if reason == "expired"
        else _("Adressen till videon gäller inte.")
    )
    response = render(request, "webtv/media_refused.html", {"message": message}, status=403)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def media(request, page_id: int, token: str, name: str):
    now = gate.now()
    verdict = signing.check_token(page_id, token, now.timestamp())
    if not verdict.ok:
        return refused(request, verdict.reason)
    page = VideoPage.objects.live().public().select_related("video").filter(pk=page_id).first()
    if page is None or page.video is None or not page.video.file:
        raise Http404
    if verdict.reason == "free":
        site = page.get_site() or Site.objects.filter(is_default_site=True).first()
        if gate.piece_level(page, PaywallSettings.for_site(site)) != AccessLevel.FREE:
            # The video is paid now: the free address stops, the page hands out signed ones.
            return refused(request, "not_free")
    found = stored_name(page.video, name)
    if found is None:
        raise Http404
    response = serve_stored_file(request, private_storage, *found)
    if not isinstance(response, HttpResponse) or response.status_code >= 400:
        return response
    if verdict.reason == "free":
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    else:
        # Never kept by a shared cache, nor by the browser past the address's expiry.
        remaining = max(0, min(PUBLIC_MAX_AGE, verdict.expires - int(now.timestamp())))
        response["Cache-Control"] = f"private, max-age={remaining}"
    return response
