"""Sending a stored file (placeholder until utgivare.media's Range helper is merged)."""

from django.http import FileResponse, Http404


def serve_stored_file(request, storage, name, content_type):
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, content_type=content_type)
