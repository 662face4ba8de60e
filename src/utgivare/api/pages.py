"""Pages the API lists and shows as they are, with no body and no paywall (issues,
authors, sections, podcast shows, video series): one code path.

A `PageKind` names the page model, its path, its schema and how a page becomes that
schema; `add_page_endpoints(router, kind)` then adds the list (live, public pages in
the kind's order, paged) and the detail operation, as pieces.add_piece_endpoints does
for pieces.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.shortcuts import get_object_or_404
from ninja import Path, Query

from . import schemas
from .listing import ERRORS, MAX_ID, Paging, paginate
from .pieces import Reading


@dataclass(frozen=True)
class PageKind:
    name: str  # "author": operation id get_author, URL names api_author, api_author_list
    path: str  # "authors": /api/authors/, operation id list_authors
    tag: str  # the heading in the browsable docs
    model: type
    schema: type  # an item of the list (and the detail, unless detail_schema)
    # (page, reading) -> dict of `schema`.
    fields: Callable
    order: tuple  # of the list
    list_summary: str = ""  # "List <tag>" unless given
    detail_summary: str = ""  # "One of the <tag>" unless given
    filters_schema: type | None = None  # a Schema of the list's own filters, if any
    # (queryset, filters) -> queryset, for the kind's filters.
    filter: Callable = lambda queryset, filters: queryset
    # The detail's path parameter: the page's id, or an issue's "number".
    key: str = "id"
    detail_schema: type | None = None
    # (page, reading) -> dict of what the detail has beyond `fields`.
    detail_fields: Callable = lambda page, reading: {}


def add_page_endpoints(router, kind: PageKind) -> None:
    def visible():
        return kind.model.objects.live().public()

    def list_pages(request, filters, paging):
        reading = Reading.for_request(request)
        found = visible().order_by(*kind.order)
        if filters is not None:
            found = kind.filter(found, filters)
        page = paginate(request, found, paging)
        return {**page, "results": [kind.fields(one, reading) for one in page.pop("items")]}

    def get_page(request, **key):
        one = get_object_or_404(visible(), **key)
        reading = Reading.for_request(request)
        return {**kind.fields(one, reading), **kind.detail_fields(one, reading)}

    # ninja reads the parameters from each operation's signature, and a parameter given as
    # a Schema becomes a schema of its own in the description: so an operation for each
    # shape, each with its parameters as they have always been described. No docstrings:
    # ninja would publish them as the operations' descriptions.
    if kind.filters_schema is None:

        def list_operation(request, paging: Query[Paging]):
            return list_pages(request, None, paging)

    else:

        def list_operation(request, filters: Query[kind.filters_schema], paging: Query[Paging]):
            return list_pages(request, filters, paging)

    if kind.key == "number":

        def get_operation(request, number: int = Path(..., ge=1, le=MAX_ID)):
            return get_page(request, number=number)

    else:

        def get_operation(request, id: int = Path(..., ge=1, le=MAX_ID)):  # noqa: A002
            return get_page(request, pk=id)

    router.get(
        f"/{kind.path}/",
        response={200: schemas.page_of(kind.schema, f"{kind.schema.__name__}List"), **ERRORS},
        operation_id=f"list_{kind.path.replace('-', '_')}",
        url_name=f"api_{kind.name}_list",
        summary=kind.list_summary or f"List {kind.tag.lower()}",
        tags=[kind.tag],
    )(list_operation)
    router.get(
        f"/{kind.path}/{{{kind.key}}}/",
        response={200: kind.detail_schema or kind.schema, **ERRORS},
        operation_id=f"get_{kind.name}",
        url_name=f"api_{kind.name}",
        summary=kind.detail_summary or f"One of the {kind.tag.lower()}",
        tags=[kind.tag],
    )(get_operation)
