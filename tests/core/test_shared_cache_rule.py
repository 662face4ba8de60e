"""The one rule for who may keep a response: never a shared cache when anything is personal."""

from django.http import HttpResponse
from hypothesis import given
from hypothesis import strategies as st

from utgivare.core import caching

facts = st.builds(
    caching.ResponseFacts,
    sets_cookie=st.booleans(),
    authenticated=st.booleans(),
    read_session=st.booleans(),
    used_csrf_token=st.booleans(),
    showed_messages=st.booleans(),
    marked_personal=st.lists(st.sampled_from(["paywall", "own_pending_comments"])).map(tuple),
    declared=st.sampled_from(["", caching.PRIVATE, caching.NO_STORE]),
)

# What views in the project (and Django) put into Cache-Control themselves.
view_headers = st.sampled_from(
    [
        None,
        "public, max-age=300",
        "max-age=600, public",
        "public, s-maxage=900",
        "max-age=300",
        "private",
        "private, max-age=60",
        "no-store",
        "max-age=0, no-cache, no-store, must-revalidate, private",
    ]
)


def is_personal(f: caching.ResponseFacts) -> bool:
    return any(
        (
            f.sets_cookie,
            f.authenticated,
            f.read_session,
            f.used_csrf_token,
            f.showed_messages,
            f.marked_personal,
        )
    )


@given(facts)
def test_nothing_personal_is_ever_left_to_a_shared_cache(f):
    decision = caching.decide(f)
    if is_personal(f):
        assert decision.scope in (caching.PRIVATE, caching.NO_STORE)
        assert not decision.shareable


@given(facts)
def test_a_response_that_sets_a_cookie_is_never_shareable(f):
    if f.sets_cookie:
        assert caching.decide(f).scope != caching.PUBLIC


@given(facts)
def test_the_rule_never_loosens_what_the_view_said(f):
    decision = caching.decide(f)
    if f.declared == caching.NO_STORE:
        assert decision.scope == caching.NO_STORE
    if f.declared == caching.PRIVATE:
        assert decision.scope == caching.PRIVATE


def test_a_page_with_nothing_personal_stays_shareable():
    assert caching.decide(caching.ResponseFacts()).scope == caching.PUBLIC


def response_with(header, cookie):
    response = HttpResponse("page")
    if header is not None:
        response["Cache-Control"] = header
    if cookie:
        response.set_cookie("csrftoken", "x")
    return response


@given(sets_cookie=st.booleans(), personal=st.booleans(), header=view_headers, extra=st.booleans())
def test_headers_written_never_offer_a_personal_page_or_a_cookie_to_a_shared_cache(
    sets_cookie, personal, header, extra
):
    response = response_with(header, sets_cookie)
    f = caching.ResponseFacts(
        sets_cookie=bool(response.cookies),
        authenticated=personal,
        showed_messages=extra,
        declared=caching.declared_scope(response),
    )
    caching.apply(caching.decide(f), response)
    directives = caching.cache_directives(response)
    shared_may_keep = not ({"private", "no-store"} & directives.keys())
    if response.cookies or personal or extra:
        assert not shared_may_keep
        assert "public" not in directives and "s-maxage" not in directives
        assert "Cookie" in response["Vary"]
    if shared_may_keep:
        assert not response.cookies


def test_a_view_that_said_no_store_keeps_no_store():
    response = response_with("no-store", cookie=True)
    caching.apply(
        caching.decide(caching.ResponseFacts(sets_cookie=True, declared="no-store")), response
    )
    assert caching.cache_directives(response).keys() == {"no-store"}


def test_a_public_feed_asked_for_by_a_logged_in_reader_becomes_private():
    response = response_with("public, max-age=300", cookie=False)
    caching.apply(caching.decide(caching.ResponseFacts(authenticated=True)), response)
    assert caching.cache_directives(response) == {"max-age": "300", "private": ""}
