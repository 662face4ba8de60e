"""A page's address from its `url_path` (core.page_urls, for the menu) is what Wagtail's
`Page.get_url(request)` answers, over generated sites, pages, requests and settings."""

import pytest
from django.urls import set_script_prefix
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Site, SiteRootPath
from wagtail.models import pages as wagtail_pages

from utgivare.core import page_urls

# Wagtail's own answer is asked of a new page object, whose locale comes from the database.
pytestmark = pytest.mark.django_db

# Slugs as Wagtail allows them (Unicode letters included), and now and then one no
# address can hold ("a.b": Wagtail's serve pattern has no dot), which has no URL.
slugs = st.one_of(
    st.sampled_from(["hem", "politik", "skärgården", "debatt-2026", "a_b", "x"]),
    st.just("a.b"),
)
url_paths = st.lists(slugs, max_size=4).map(lambda parts: "/" + "".join(f"{p}/" for p in parts))
root_urls = st.sampled_from(
    ["http://localhost", "https://norrvik.example", "https://blogg.norrvik.example:8443"]
)


@st.composite
def sites(draw):
    """Wagtail's root paths (most specific first, as `Site.get_site_root_paths` sorts
    them) and the request's site: one of them, or none."""
    count = draw(st.integers(min_value=1, max_value=4))
    roots = draw(st.lists(url_paths, min_size=count, max_size=count))
    root_paths = sorted(
        (
            SiteRootPath(site_id, root, draw(root_urls), "sv")
            for site_id, root in enumerate(roots, start=1)
        ),
        key=lambda found: found.root_path,
        reverse=True,
    )
    current = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=count)))
    return root_paths, current


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    site_setup=sites(),
    url_path=url_paths,
    append_slash=st.booleans(),
    prefix=st.sampled_from(["/", "/tidning/", "/a&b/"]),
)
def test_a_page_s_address_is_wagtail_s(
    rf, monkeypatch, script_prefix, site_setup, url_path, append_slash, prefix
):
    root_paths, current = site_setup
    monkeypatch.setattr(wagtail_pages, "WAGTAIL_APPEND_SLASH", append_slash)
    script_prefix(prefix)

    def request():
        made = rf.get("/")
        made._wagtail_cached_site_root_paths = root_paths
        made._wagtail_site = Site(id=current) if current else None
        return made

    expected = Page(url_path=url_path).get_url(request())
    assert page_urls.page_url(request(), url_path) == expected
