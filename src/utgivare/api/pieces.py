"""Any readable piece (publication.pieces.ReadablePiece) in the API: one code path.

Articles and blog posts are two `PieceKind`s; podcast episodes and videos
become two more (see README, "Read API"): a kind names the page model, its
path, its schemas, its own filters and what to load in bulk for a list.
`add_piece_endpoints(router, kind)` then adds the list and the detail
operation. Every body goes through `readers.body_decision`, here and nowhere
else, so a new kind cannot forget the paywall.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Schema
from pydantic import Field, field_validator

from utgivare.paywall import gate
from utgivare.paywall.models import PaywallSettings
from utgivare.publication.feed_html import body_html

from . import http, readers, schemas
from .listing import ERRORS, MAX_ID, SLUG, Paging, paginate

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class PieceFilters(Schema):
    """Filters every kind of piece has; they combine (all must hold)."""

    author: str | None = Field(None, max_length=255, pattern=SLUG, description="The author's slug.")
    access: schemas.Level | None = Field(None, description="Only pieces at this access level.")
    since: dt.date | None = Field(None, description="Published on or after this day.")
    until: dt.date | None = Field(None, description="Published on or before this day.")
    order: str = Field("newest", pattern="^(newest|oldest)$")

    @field_validator("since", "until", mode="before")
    @classmethod
    def day_as_written(cls, value):
        # Pydantic would also read "0" or "1700000000" as a day (a Unix time); the
        # description promises YYYY-MM-DD, so only that is accepted.
        if value is not None and not (isinstance(value, str) and ISO_DAY.fullmatch(value)):
            raise ValueError("expected a day as YYYY-MM-DD")
        return value


@dataclass
class Reading:
    """One API request's view of pieces: who asks, on which site, when."""

    request: object
    caller: readers.Caller
    paywall_settings: object
    now: dt.datetime

    @classmethod
    def for_request(cls, request) -> "Reading":
        return cls(request, http.caller(request), PaywallSettings.for_request(request), gate.now())

    def url(self, page) -> str:
        return page.get_full_url(self.request) or ""


@dataclass(frozen=True)
class PieceKind:
    name: str  # "article": operation ids and URL names
    path: str  # "articles": /api/articles/
    tag: str  # the heading in the browsable docs
    model: type
    summary_schema: type
    detail_schema: type
    filters_schema: type = PieceFilters
    # The field that dates a piece for readers (blog posts have their own `date`).
    date_field: str = "first_published_at"
    select_related: tuple = ()
    # (queryset, filters, reading) -> queryset, for the kind's own filters.
    filter_own: Callable = lambda queryset, filters, reading: queryset
    # (queryset, author slug) -> the pieces under that byline.
    by_author: Callable = lambda queryset, slug: queryset.filter(author__slug=slug)
    # (pieces, reading) -> None: load in bulk what `own_fields` reads (no query per piece).
    prepare: Callable = lambda pieces, reading: None
    # (piece, reading) -> dict of the kind's own summary fields.
    own_fields: Callable = lambda piece, reading: {}
    # (piece, reading) -> dict of the kind's own detail fields; anything beyond the body that
    # only some callers may have decides with readers.body_decision too.
    detail_fields: Callable = lambda piece, reading: {}
    description: str = ""


def link(page, reading: Reading) -> dict | None:
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "slug": page.slug, "url": reading.url(page)}


def summary(piece, kind: PieceKind, reading: Reading, decision=None) -> dict:
    decision = decision or readers.body_decision(
        reading.caller, piece, reading.paywall_settings, reading.now
    )
    return {
        "id": piece.pk,
        "type": piece.paywall_content_type,
        "title": piece.title,
        "slug": piece.slug,
        "url": reading.url(piece),
        "lead": piece.lead,
        "published_at": getattr(piece, kind.date_field),
        "updated_at": piece.last_published_at,
        "reading_minutes": piece.reading_minutes,
        "author": link(getattr(piece, "author", None), reading),
        "access": {
            "level": gate.piece_level(piece, reading.paywall_settings),
            "full_text": decision.full,
        },
        **kind.own_fields(piece, reading),
    }


def detail(piece, kind: PieceKind, reading: Reading) -> dict:
    decision = readers.body_decision(reading.caller, piece, reading.paywall_settings, reading.now)
    # Only the blocks the decision allows are ever rendered.
    blocks = list(piece.body) if decision.full else piece.teaser_blocks()
    return {
        **summary(piece, kind, reading, decision),
        "body_html": str(body_html(blocks)),
        **kind.detail_fields(piece, reading),
    }


def below(queryset, parents):
    """The pages of `queryset` under any of `parents` (none when there are none)."""
    wanted = Q()
    for parent in parents:
        wanted |= Q(path__startswith=parent.path, depth__gt=parent.depth)
    return queryset.filter(wanted) if wanted else queryset.none()


def visible(kind: PieceKind):
    """What any caller may list: live, without a view restriction, newest first by default."""
    return kind.model.objects.live().public().select_related(*kind.select_related)


def filtered(kind: PieceKind, filters, reading: Reading):
    queryset = visible(kind)
    if filters.author:
        queryset = kind.by_author(queryset, filters.author)
    if filters.access:
        default = reading.paywall_settings.default_level(kind.model.paywall_content_type)
        wanted = Q(access_level=filters.access)
        if default == filters.access:
            wanted |= Q(access_level="")
        queryset = queryset.filter(wanted)
    if filters.since:
        queryset = queryset.filter(**{f"{kind.date_field}__date__gte": filters.since})
    if filters.until:
        queryset = queryset.filter(**{f"{kind.date_field}__date__lte": filters.until})
    queryset = kind.filter_own(queryset, filters, reading)
    newest = filters.order == "newest"
    date = kind.date_field
    return queryset.order_by(f"-{date}" if newest else date, "-pk" if newest else "pk")


def add_piece_endpoints(router, kind: PieceKind) -> None:
    list_schema = schemas.page_of(kind.summary_schema, f"{kind.summary_schema.__name__}List")

    @router.get(
        f"/{kind.path}/",
        response={200: list_schema, **ERRORS},
        operation_id=f"list_{kind.path.replace('-', '_')}",
        url_name=f"api_{kind.name}_list",
        summary=f"List {kind.tag.lower()}",
        description=kind.description,
        tags=[kind.tag],
    )
    def list_pieces(request, filters: Query[kind.filters_schema], paging: Query[Paging]):
        reading = Reading.for_request(request)
        # A list shows no body: it is not even loaded.
        page = paginate(request, filtered(kind, filters, reading).defer("body"), paging)
        pieces = list(page.pop("items"))
        kind.prepare(pieces, reading)
        return {**page, "results": [summary(piece, kind, reading) for piece in pieces]}

    @router.get(
        f"/{kind.path}/{{id}}/",
        response={200: kind.detail_schema, **ERRORS},
        operation_id=f"get_{kind.name}",
        url_name=f"api_{kind.name}",
        summary=f"One {kind.name.replace('_', ' ')}, with its body as this caller may read it",
        tags=[kind.tag],
    )
    def get_piece(request, id: int = Path(..., ge=1, le=MAX_ID)):  # noqa: A002
        reading = Reading.for_request(request)
        piece = get_object_or_404(visible(kind), pk=id)
        kind.prepare([piece], reading)
        return detail(piece, kind, reading)
