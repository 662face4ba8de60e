"""The app keeps whole pages that are the same for every anonymous reader, replays
them without drawing them again, and drops exactly the pages a change touches."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    SectionPageFactory,
    png_bytes,
)
from tests.paywall.helpers import FIRST_PARAGRAPH, PAYWALLED_SENTENCES
from utgivare.comments import moderating
from utgivare.comments.moderation import Status
from utgivare.core import page_cache
from utgivare.paywall.models import PaywallSettings

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    page_cache._memo.clear()


@pytest.fixture
def world(tree):
    author = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    other_section = SectionPageFactory(parent=tree["home"], title="Kultur", slug="kultur")
    free = ArticlePageFactory(
        parent=tree["sections"][0], author=author, title="Budgeten", access_level="free"
    )
    elsewhere = ArticlePageFactory(parent=other_section, title="Teatern", access_level="free")
    return {**tree, "author": author, "free": free, "elsewhere": elsewhere, "kultur": other_section}


def get(url, **cookies):
    client = Client()
    for name, value in cookies.items():
        client.cookies[name] = value
    return client.get(url)


def test_second_anonymous_reader_gets_the_stored_page_without_a_query(world):
    first = get(world["free"].url)
    assert first["X-App-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "s-maxage" in first["Cache-Control"]
    assert "Cookie" not in first.get("Vary", "")
    with CaptureQueriesContext(connection) as queries:
        # An unrelated cookie does not split the cache.
        second = get(world["free"].url, _ga="GA1.2.3")
    assert second["X-App-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert not second.cookies


def test_a_session_or_a_flash_message_cookie_is_never_answered_from_the_store(world):
    get(world["free"].url)
    assert get(world["free"].url, sessionid="abc").get("X-App-Cache") != "hit"
    assert get(world["free"].url, messages="x").get("X-App-Cache") != "hit"


def test_languages_are_stored_apart(world):
    swedish = get("/")
    english = get("/", django_language="en")
    assert english["X-App-Cache"] == "miss"
    assert english["Content-Language"] == "en" and swedish["Content-Language"] == "sv"


def test_publishing_a_piece_drops_it_and_its_lists_and_nothing_else(world):
    urls = {
        "piece": world["free"].url,
        "home": "/",
        "section": world["sections"][0].url,
        "author": world["author"].url,
        "other section": world["kultur"].url,
        "other piece": world["elsewhere"].url,
    }
    for url in urls.values():
        get(url)
    page = world["free"]
    page.title = "Budgeten klubbad"
    page.save_revision().publish()
    page_cache._memo.clear()  # as another process sees it a second later
    for name in ("piece", "home", "section", "author"):
        response = get(urls[name])
        assert response["X-App-Cache"] == "miss", name
        assert "Budgeten klubbad" in response.content.decode(), name
    for name in ("other section", "other piece"):
        assert get(urls[name])["X-App-Cache"] == "hit", name


def test_unpublishing_a_piece_removes_it_from_its_section_at_once(world):
    get(world["sections"][0].url)
    world["free"].unpublish()
    assert "Budgeten" not in get(world["sections"][0].url).content.decode()
    assert get(world["free"].url).status_code == 404


def test_an_approved_comment_shows_on_the_stored_piece(world):
    comment = CommentFactory(
        page=world["free"], status=Status.PENDING, text="Bra skrivet om kvarteret."
    )
    assert "Bra skrivet om kvarteret." not in get(world["free"].url).content.decode()
    moderating.moderate([comment.pk], "approve", actor=AnonymousUser(), now=timezone.now())
    assert "Bra skrivet om kvarteret." in get(world["free"].url).content.decode()
    assert get(world["elsewhere"].url)["X-App-Cache"] == "miss"  # first view


def test_a_paywall_setting_change_drops_stored_pieces(world):
    assert FIRST_PARAGRAPH in get(world["free"].url).content.decode()
    world["free"].access_level = ""
    world["free"].save_revision().publish()
    settings = PaywallSettings.for_site(world["home"].get_site())
    settings.article_level = "subscribers"
    settings.save()
    page = get(world["free"].url).content.decode()
    assert PAYWALLED_SENTENCES[0] not in page


def test_metered_pieces_are_never_stored_so_the_meter_counts_every_read(tree):
    metered = ArticlePageFactory(parent=tree["sections"][0], access_level="metered")
    for _ in range(3):
        response = get(metered.url)
        assert response["X-App-Cache"] == "miss"
        assert "private" in response["Cache-Control"]
        assert response.cookies


def test_a_deleted_or_replaced_picture_leaves_no_stored_page_pointing_at_it(world):
    picture = ImageFactory(title="Kommunhuset")
    page = world["free"]
    page.hero_image = picture
    page.save_revision().publish()
    first = get(page.url).content.decode()
    old_file = picture.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert old_file in first
    # As the admin's image form does when an editor uploads a new file.
    picture.file = ImageFile(io.BytesIO(png_bytes()), name="kommunhuset-ny.png")
    picture.save()
    picture.renditions.all().delete()
    replaced = get(page.url).content.decode()
    assert old_file not in replaced and "kommunhuset-ny" in replaced
    picture.delete()
    assert "kommunhuset-ny" not in get(page.url).content.decode()
