"""The public search page, /sok/: every readable piece type, filters, pages.

Thin: read the query and filters (search.rules), work out whose whole text this
reader's query may match (rules.full_text_scope, from the paywall's settings and
the reader's entitlements), ask the index (search.query), render.

What each result shows comes from the index entry: kicker, headline, byline,
date, lead, the access label, and a snippet cut from what everyone may read of
the piece (its whole body only when its effective level is free), so a metered or
paid piece never shows text from its paywalled body, whoever is searching.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from utgivare.core.content_version import cached
from utgivare.core.text_input import positive_id
from utgivare.paywall import gate
from utgivare.paywall.access import effective_level
from utgivare.paywall.models import PaywallSettings
from utgivare.subscriptions.choices import CONTENT_TYPES
from utgivare.subscriptions.entitlements import for_reader

from . import rules
from .indexing import piece_models
from .models import SearchEntry
from .query import Filters, Results
from .snippets import snippet

RESULTS_PER_PAGE = 10


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    kicker: str
    author: str
    date: dt.datetime
    lead: str
    snippet: SafeString
    # The piece's effective access level ("free", "metered", "subscribers"): the result says so.
    level: str
    # What it is ("artikel", "poddavsnitt", "video", …): results mix every kind of piece.
    kind: str = ""


class BadFilter(ValueError):
    pass


def kind_labels() -> dict[str, str]:
    """{paywall_content_type: plural name} of every searchable page type."""
    return {model.paywall_content_type: model._meta.verbose_name_plural for model in piece_models()}


def kind_names() -> dict[str, str]:
    """{paywall_content_type: singular name}, for the label on each result."""
    return {model.paywall_content_type: model._meta.verbose_name for model in piece_models()}


def read_filters(params, site) -> Filters:
    def page_id(name):
        value = params.get(name, "")
        if not value:
            return None
        number = positive_id(value)
        if number is None:
            raise BadFilter(name)
        return number

    kinds = tuple(params.getlist("typ"))
    if any(kind not in kind_labels() for kind in kinds):
        raise BadFilter("typ")
    year = params.get("ar", "")
    if year and not (year.isascii() and year.isdigit() and 1900 <= int(year) <= 9999):
        raise BadFilter("ar")
    return Filters(
        kinds=kinds,
        parent_id=page_id("sektion"),
        issue_id=page_id("nummer"),
        author_id=page_id("skribent"),
        year=int(year) if year else None,
        under_path=site.root_page.path if site else "",
    )


def scope_for(user, paywall_settings, now) -> rules.FullTextScope:
    staff = gate.is_staff(user)
    entitlements = None if staff else for_reader(user, now)
    return rules.full_text_scope(
        is_staff=staff,
        covered_kinds=[] if staff else [k for k in CONTENT_TYPES if entitlements.covers(k)],
        site_defaults={kind: paywall_settings.default_level(kind) for kind in CONTENT_TYPES},
    )


def filter_options(request):
    """What the filter menus offer, from the index; built once per content version."""

    def build():
        entries = SearchEntry.objects.all()

        def titled(column):
            ids = entries.order_by().values(column).distinct()
            return list(
                Page.objects.filter(pk__in=ids).order_by("title").values_list("pk", "title")
            )

        newest = entries.order_by("-published_at").values_list("published_at", flat=True).first()
        oldest = entries.order_by("published_at").values_list("published_at", flat=True).first()
        years = list(range(newest.year, oldest.year - 1, -1)) if newest and oldest else []
        return {
            "kinds": sorted((kind, str(label)) for kind, label in kind_labels().items()),
            "sections": titled("parent_id"),
            "authors": titled("author_id"),
            "issues": titled("issue_id"),
            "years": years,
        }

    return cached(request, "search-filter-options", build)


def hits_for(page_ids, query_text, paywall_settings, request) -> list[Hit]:
    # The entries with their pages, in one query.
    entries = SearchEntry.objects.select_related("page").in_bulk(page_ids)
    hits = []
    names = kind_names()
    for page_id in page_ids:
        entry = entries.get(page_id)
        if entry is None:
            continue
        page = entry.page
        default = paywall_settings.default_level(entry.kind)
        level = effective_level(entry.access_level, default)
        # What everyone may read of the piece: its whole body only when it is free.
        visible = entry.body_text if level == "free" else entry.teaser_text
        hits.append(
            Hit(
                title=entry.title,
                url=page.get_url(request),
                kicker=entry.kicker,
                author=entry.author_name,
                date=entry.published_at,
                lead=entry.lead,
                snippet=snippet(visible, query_text),
                level=level,
                kind=str(names.get(entry.kind, "")),
            )
        )
    return hits


def search(request):
    site = Site.find_for_request(request)
    context = {"query": "", "hits": [], "results": None, "error": ""}
    try:
        query = rules.parse_query(
            request.GET.get("q", ""),
            refused_message=_("Sökfrågan innehåller tecken som inte kan sökas på."),
            too_long_message=_("Sökfrågan är för lång. Använd högst %(max)s tecken.")
            % {"max": rules.MAX_QUERY_LENGTH},
        )
        filters = read_filters(request.GET, site)
    except rules.RefusedQuery as refused:
        context["error"] = refused.message
        return render(request, "search/search.html", context, status=400)
    except BadFilter:
        context["error"] = _("Ett av sökfiltren är ogiltigt. Välj i listorna och sök igen.")
        return render(request, "search/search.html", context, status=400)

    context["query"] = query.text
    context["filters"] = filters
    context["options"] = filter_options(request)
    if query.text:
        paywall_settings = PaywallSettings.for_request(request)
        scope = scope_for(request.user, paywall_settings, timezone.now())
        paginator = Paginator(Results(query, scope, filters), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("sida"))
        context["results"] = results
        context["more_than_cap"] = paginator.object_list.more_than_cap
        context["hits"] = hits_for(list(results), query.text, paywall_settings, request)
    return render(request, "search/search.html", context)
