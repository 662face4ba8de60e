import logging

from django.db import DatabaseError, InterfaceError
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Turn a database outage into a clear 503 page that asks the reader to retry.

    Nothing is half-written: every view that changes data runs in a
    transaction, so a failure here means nothing was stored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (DatabaseError, InterfaceError)):
            return None
        logger.exception("Database error while serving %s", request.path)
        response = TemplateResponse(request, "core/database_unavailable.html", status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response.render()
