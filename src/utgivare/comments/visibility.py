"""Nothing about a comment is reachable unless its page is live and public.

Every public comment view (report, permalink, posting and replying, the JSON
answer) finds its page or comment through this module, so a comment on an
unpublished, expired or restricted page (or one under such a page) answers
404 everywhere, with neither its words nor the page's title.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from wagtail.models import Page, PageViewRestriction

from .models import Comment


@dataclass(frozen=True)
class PageFacts:
    live: bool
    expired: bool
    expire_at: dt.datetime | None
    # An ancestor (below the tree's root) is unpublished or expired.
    hidden_ancestor: bool
    # A view restriction (login, password, groups) on the page or an ancestor.
    restricted: bool


def is_public(facts: PageFacts, now: dt.datetime) -> bool:
    if not facts.live or facts.expired or facts.hidden_ancestor or facts.restricted:
        return False
    return facts.expire_at is None or facts.expire_at > now


def page_facts(page) -> PageFacts:
    # Wagtail's root page (depth 1) is never published and serves nothing.
    ancestors = Page.objects.ancestor_of(page).filter(depth__gt=1)
    lineage = Page.objects.ancestor_of(page, inclusive=True)
    return PageFacts(
        live=page.live,
        expired=page.expired,
        expire_at=page.expire_at,
        hidden_ancestor=ancestors.filter(Q(live=False) | Q(expired=True)).exists(),
        restricted=PageViewRestriction.objects.filter(page__in=lineage).exists(),
    )


def public_page_or_404(page_id, now) -> Page:
    page = Page.objects.filter(pk=page_id).select_related("content_type").first()
    if page is None or not is_public(page_facts(page), now):
        raise Http404
    return page


def visible_comment_or_404(comment_id, now) -> Comment:
    """A published comment on a live, public page; anything else is a 404."""
    comment = Comment.objects.public().select_related("page").filter(pk=comment_id).first()
    if comment is None or not is_public(page_facts(comment.page), now):
        raise Http404
    return comment
