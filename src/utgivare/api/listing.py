"""Pages of a list, and the error answers every operation documents."""

import math

from ninja import Schema
from pydantic import Field

from . import schemas

# Answers every operation may give besides its 200 (documented in the OpenAPI description).
ERRORS = {
    304: None,
    400: schemas.Error,
    401: schemas.Error,
    404: schemas.Error,
    422: schemas.ValidationErrors,
    429: schemas.Error,
}
MAX_PAGE = 10_000
# Page ids are 32-bit: a larger number is refused (422) before the database sees it.
MAX_ID = 2**31 - 1
# A page's slug (Wagtail allows letters of any alphabet): anything else is refused with 422.
SLUG = r"^[-\w]+$"


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page, from 1.")
    page_size: int = Field(20, ge=1, le=100, description="Items per page (at most 100).")


def page_url(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(request, queryset, paging: Paging) -> dict:
    """The page's fields and its `items`; a page past the last is empty, not an error."""
    count = queryset.count()
    pages = max(1, math.ceil(count / paging.page_size))
    start = (paging.page - 1) * paging.page_size
    items = queryset[start : start + paging.page_size] if start < count else []
    return {
        "count": count,
        "page": paging.page,
        "page_size": paging.page_size,
        "pages": pages,
        "next": page_url(request, paging.page + 1) if paging.page < pages else None,
        "previous": page_url(request, min(paging.page - 1, pages)) if paging.page > 1 else None,
        "items": items,
    }
