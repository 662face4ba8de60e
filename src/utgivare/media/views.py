"""`/mediafil/<token>/<name>`: a signed media address, checked at every fetch."""

from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from utgivare.core import caching
from utgivare.core.ip_hashing import client_ip
from utgivare.paywall import gate
from utgivare.paywall.levels import AccessLevel
from utgivare.paywall.models import PaywallSettings
from utgivare.subscriptions.entitlements import for_reader

from . import access, downloads, owners, serving, signing
from .models import MediaFile
from .ranges import UNSATISFIABLE, WHOLE


def _subject_user(grant):
    if grant.user_id is None:
        return None
    return get_user_model().objects.filter(pk=grant.user_id, is_active=True).first()


@require_http_methods(["GET", "HEAD"])
def fetch(request, token, name):
    now = timezone.now()
    grant = signing.verify(token, now)
    if grant is None:
        return HttpResponseForbidden(
            "Adressen har gått ut eller är felaktig. Hämta avsnittet på nytt från sidan "
            "eller flödet.",
            content_type="text/plain; charset=utf-8",
        )
    media_file = MediaFile.objects.filter(pk=grant.file_id).first()
    piece = owners.piece_for(grant.file_id) if media_file else None
    if piece is None or not piece.live:
        raise Http404
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    level = gate.piece_level(piece, PaywallSettings.for_site(site))
    user = _subject_user(grant)
    covered = staff = False
    if user is not None and level != AccessLevel.FREE:
        staff = gate.is_staff(user)
        covered = for_reader(user, now).covers(piece.paywall_content_type)
    decision = access.may_fetch(subject=grant.subject, level=level, covered=covered, is_staff=staff)
    if not decision.allowed:
        return HttpResponseForbidden(
            "Den här filen ingår i en prenumeration som inte längre gäller.",
            content_type="text/plain; charset=utf-8",
        )
    if level != AccessLevel.FREE:
        caching.mark_personal(request, "paid media file")

    byte_range = serving.planned_range(request, media_file)
    if request.method == "GET" and byte_range != UNSATISFIABLE:
        requested = media_file.size if byte_range == WHOLE else byte_range.length
        downloads.record(
            media_file,
            ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            bytes_requested=requested,
            now=now,
        )
    if serving.signs_its_own_urls(media_file.file.storage):
        return serving.presigned_redirect(media_file)
    return serving.file_response(request, media_file, byte_range)
