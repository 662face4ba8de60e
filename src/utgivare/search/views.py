"""The public search page, /sok/: articles and blog posts, newest relevance first.

Results list title, section (or blog), lead and a snippet. The snippet is cut
from what paywall.gate.public_blocks allows, so a metered or paid piece never
shows text from its paywalled body, whoever is searching.

The index holds whole bodies, but for a reader who may not read a metered or
paid piece in full, it is listed only when every query word is in what everyone
may read of it (title, lead, first paragraph): otherwise the result list itself
would tell that reader which words the paywalled body contains. Subscribers
whose plan covers the piece, and staff, find it by any word of its body.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.models import Page, Site

from utgivare.blogs.models import BlogPostPage
from utgivare.paywall import gate
from utgivare.paywall.models import PaywallSettings
from utgivare.publication.blocks import stream_plain_text
from utgivare.publication.models import ArticlePage
from utgivare.subscriptions.choices import CONTENT_TYPES
from utgivare.subscriptions.entitlements import for_reader

from .snippets import query_terms, snippet, words_of

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# The most index matches checked against what each piece shows everyone.
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    kicker: str
    lead: str
    snippet: SafeString
    # The piece's effective access level ("free", "metered", "subscribers"): the result says so.
    level: str


SEARCHABLE_MODELS = (ArticlePage, BlogPostPage)


def lead_of(piece) -> str:
    return piece.lead or ""


def search_pieces(query, site):
    pieces = Page.objects.live().public().type(*SEARCHABLE_MODELS)
    if site is not None:
        pieces = pieces.descendant_of(site.root_page, inclusive=True)
    return pieces.specific().search(query)


def publicly_matches(piece, terms, paywall_settings) -> bool:
    """Does every query term occur in what anyone may read of `piece`?"""
    if gate.public_variant(piece, paywall_settings) == "full":
        return True
    visible = " ".join(
        [
            piece.title,
            lead_of(piece),
            stream_plain_text(gate.public_blocks(piece, paywall_settings)),
        ]
    )
    words = words_of(visible)
    return all(any(word.startswith(term) for word in words) for term in terms)


def hits_for(pieces, query, paywall_settings, request) -> list[Hit]:
    parent_paths = {piece.path[: -Page.steplen] for piece in pieces}
    parents = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    hits = []
    for piece in pieces:
        blocks = gate.public_blocks(piece, paywall_settings)
        hits.append(
            Hit(
                title=piece.title,
                url=piece.get_url(request),
                kicker=parents.get(piece.path[: -Page.steplen], ""),
                lead=lead_of(piece),
                snippet=snippet(stream_plain_text(blocks), query),
                level=gate.piece_level(piece, paywall_settings),
            )
        )
    return hits


def body_searchable_types(user, now) -> set[str] | None:
    """Content types whose whole body this reader may search; None means all (staff)."""
    if gate.is_staff(user):
        return None
    entitlements = for_reader(user, now)
    return {content_type for content_type in CONTENT_TYPES if entitlements.covers(content_type)}


def search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    context = {"query": query, "hits": [], "results": None}
    if query:
        site = Site.find_for_request(request)
        paywall_settings = PaywallSettings.for_request(request)
        terms = query_terms(query)
        full_types = body_searchable_types(request.user, timezone.now())
        matches = [
            piece
            for piece in search_pieces(query, site)[:MAX_CANDIDATES]
            if full_types is None
            or piece.paywall_content_type in full_types
            or publicly_matches(piece, terms, paywall_settings)
        ]
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("sida"))
        context["results"] = results
        context["hits"] = hits_for(list(results), query, paywall_settings, request)
    return render(request, "search/search.html", context)
