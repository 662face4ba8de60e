"""Answering for a stored media file: whole, one byte range (206), or 416; HEAD too.

`file_response(request, media_file)` streams from storage in chunks (memory stays
flat whatever the file's size) with the stored Content-Type, `Accept-Ranges: bytes`
and Content-Length. With remote storage that signs its own addresses (S3), it
redirects to a presigned address valid for PRESIGNED_SECONDS instead, so the bytes
never pass through the app.
"""

from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse

from .ranges import UNSATISFIABLE, WHOLE, ByteRange, requested_range

CHUNK_BYTES = 64 * 1024
PRESIGNED_SECONDS = 300


def _chunks(handle, first: int, length: int):
    try:
        handle.seek(first)
        left = length
        while left > 0:
            chunk = handle.read(min(CHUNK_BYTES, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()


def signs_its_own_urls(storage) -> bool:
    """S3-like storage: presigned, expiring addresses instead of streaming through us."""
    return bool(getattr(storage, "bucket_name", None)) and bool(
        getattr(storage, "querystring_auth", False)
    )


def presigned_redirect(media_file) -> HttpResponse:
    storage = media_file.file.storage
    url = storage.url(
        media_file.file.name,
        parameters={"ResponseContentType": media_file.mime_type},
        expire=PRESIGNED_SECONDS,
    )
    response = HttpResponseRedirect(url)
    response["Cache-Control"] = "private, no-store"
    return response


def planned_range(request, media_file):
    """WHOLE, a ByteRange or UNSATISFIABLE: what this request will be answered with."""
    return requested_range(request.headers.get("Range"), media_file.size)


def file_response(request, media_file, byte_range=None) -> HttpResponse:
    size = media_file.size
    if byte_range is None:
        byte_range = planned_range(request, media_file)
    if byte_range == UNSATISFIABLE:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    if byte_range == WHOLE:
        byte_range, status = ByteRange(0, size - 1), 200
    else:
        status = 206
    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=media_file.mime_type)
    else:
        handle = media_file.file.storage.open(media_file.file.name, "rb")
        response = StreamingHttpResponse(
            _chunks(handle, byte_range.first, byte_range.length),
            status=status,
            content_type=media_file.mime_type,
        )
    response["Content-Length"] = str(byte_range.length if size else 0)
    response["Accept-Ranges"] = "bytes"
    if status == 206:
        response["Content-Range"] = f"bytes {byte_range.first}-{byte_range.last}/{size}"
    return response
