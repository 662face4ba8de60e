"""`/mediafil/<token>/<name>`: a signed media address, checked at every fetch."""

from django.http import Http404, HttpResponseForbidden
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from utgivare.core import caching
from utgivare.core.ip_hashing import client_ip
from utgivare.paywall.levels import AccessLevel

from . import downloads, grants, owners, serving, signing
from .models import MediaFile
from .ranges import UNSATISFIABLE, WHOLE

EXPIRED = gettext_lazy(
    "Adressen har gått ut eller är felaktig. Hämta avsnittet på nytt från sidan eller flödet."
)
NOT_ENTITLED = gettext_lazy("Den här filen ingår i en prenumeration som inte gäller för dig.")


def forbidden(text):
    return HttpResponseForbidden(str(text), content_type="text/plain; charset=utf-8")


@require_http_methods(["GET", "HEAD"])
def fetch(request, token, name):
    now = timezone.now()
    grant = signing.verify(token, now)
    if grant is None:
        return forbidden(EXPIRED)
    media_file = MediaFile.objects.filter(pk=grant.file_id).first()
    piece = owners.piece_for(grant.file_id) if media_file else None
    if piece is None or not piece.live:
        raise Http404
    checked = grants.check(request, grant, piece, now)
    if not checked.allowed:
        return forbidden(NOT_ENTITLED)
    if checked.level != AccessLevel.FREE:
        caching.mark_personal(request, "paid media file")

    byte_range = serving.planned_range(request, media_file)
    if request.method == "GET" and byte_range != UNSATISFIABLE:
        downloads.record(
            media_file,
            ip=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
            bytes_requested=media_file.size if byte_range == WHOLE else byte_range.length,
            now=now,
        )
    if serving.signs_its_own_urls(media_file.file.storage):
        return serving.presigned_redirect(media_file)
    return serving.file_response(request, media_file, byte_range)
