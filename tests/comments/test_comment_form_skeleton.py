"""The empty form for anonymous readers is drawn once per process and filled in with
each page's id and address (comment_section._anonymous_form): every page must still
get the form drawn for it in full, sending comments to that page and no other."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from utgivare.comments import comment_section
from utgivare.comments.moderation import ModerationMode
from utgivare.comments.policy import WhoMayComment
from utgivare.comments.privacy import IpPolicy, privacy_notice
from utgivare.comments.state import ThreadState

from ..factories import ArticlePageFactory


def anonymous_request():
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(is_authenticated=False)
    return request


def thread_state(page_id, page_url, *, who, ip_policy, days, mode):
    # The fields the form reads; the rest of a ThreadState plays no part in it.
    return ThreadState(
        piece=SimpleNamespace(pk=page_id),
        settings=SimpleNamespace(
            who_may_comment=who, ip_policy=ip_policy, ip_retention_days=days, moderation_mode=mode
        ),
        thread=None,
        staff=None,
        commenter=None,
        closed=False,
        permission=SimpleNamespace(allowed=True, reason=""),
        page_url=page_url,
    )


addresses = st.text(min_size=1, max_size=40).map(lambda text: "/" + text)


@given(
    page_id=st.integers(min_value=1, max_value=2**31 - 1),
    page_url=addresses,
    language=st.sampled_from(["sv", "en"]),
    who=st.sampled_from([WhoMayComment.ANYONE, WhoMayComment.REGISTERED]),
    ip_policy=st.sampled_from(list(IpPolicy)),
    days=st.integers(min_value=1, max_value=400),
    mode=st.sampled_from(list(ModerationMode)),
)
def test_the_filled_in_form_is_the_form_drawn_in_full(
    page_id, page_url, language, who, ip_policy, days, mode
):
    state = thread_state(page_id, page_url, who=who, ip_policy=ip_policy, days=days, mode=mode)
    request = anonymous_request()
    with translation.override(language):
        in_full = comment_section._render_form(request, state, None, None, "")
        filled_in = comment_section._anonymous_form(request, state)
    assert filled_in == in_full


@pytest.mark.django_db
def test_each_piece_gets_a_form_that_sends_to_itself(client, tree):
    pieces = [ArticlePageFactory(parent=tree["sections"][0]) for _ in range(3)]
    for piece in pieces:
        page = BeautifulSoup(client.get(piece.url).content, "html.parser")
        form = page.select_one("form.comment-form")
        assert form["action"] == reverse("comments:post", args=[piece.pk]) + "#kommentera"
        assert page.select_one("[data-cancel-reply]")["href"] == piece.url + "#kommentera"


def test_the_notice_under_the_form_follows_the_settings():
    request = anonymous_request()
    drawn = {}
    for policy in IpPolicy:
        state = thread_state(
            7, "/a/", who=WhoMayComment.ANYONE, ip_policy=policy, days=30, mode=ModerationMode.POST
        )
        notice = BeautifulSoup(
            comment_section._anonymous_form(request, state), "html.parser"
        ).select_one("[data-privacy-notice]")
        drawn[policy] = [p.get_text() for p in notice.find_all("p")]
        assert drawn[policy] == privacy_notice(
            ip_policy=policy, retention_days=30, moderation_mode=ModerationMode.POST
        )
    assert len({tuple(sentences) for sentences in drawn.values()}) == len(IpPolicy)
