"""`utgivare load_demo`: the demo magazine loads, can be loaded again, and can be read."""

import io
import re
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from wagtail.images.models import Image
from wagtail.models import Page, Site

from utgivare.core.models import ImprintSettings
from utgivare.demo.content import CONTENT_DIR, STOCKHOLM, ContentError, parse_time, read_markdown
from utgivare.demo.magazine import load_magazine
from utgivare.publication.models import (
    ArticlePage,
    AuthorPage,
    HomePage,
    IssuePage,
    IssuePlacement,
    SectionPage,
)

ARTICLE_FILES = sorted((CONTENT_DIR / "articles").glob("*.md"))
ARTICLES = [(path, *read_markdown(path)) for path in ARTICLE_FILES]


def counts():
    return {
        "pages": Page.objects.count(),
        "articles": ArticlePage.objects.count(),
        "issues": IssuePage.objects.count(),
        "placements": IssuePlacement.objects.count(),
        "images": Image.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
    }


def run_load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded twice, kept for this module's tests and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        first_output = run_load_demo()
        after_first = counts()
        second_output = run_load_demo()
        yield {
            "first_output": first_output,
            "second_output": second_output,
            "after_first": after_first,
            "after_second": counts(),
        }
        transaction.set_rollback(True)


# One worker loads the demo once for the whole module.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_load")]


def test_running_load_demo_again_duplicates_nothing(loaded):
    assert loaded["after_second"] == loaded["after_first"]
    articles_line = re.search(r"artiklar: (.*)", loaded["second_output"]).group(1)
    assert articles_line == f"{loaded['after_first']['articles']} fanns redan"


def test_load_demo_with_refresh_rewrites_pages_without_duplicating_them(loaded):
    output = run_load_demo("--refresh")

    assert counts() == loaded["after_first"]
    assert re.search(r"artiklar: (\d+) uppdaterade", output).group(1) == str(len(ARTICLE_FILES))


def test_magazine_has_issues_sections_and_authors(loaded):
    assert set(IssuePage.objects.values_list("number", flat=True)) >= {177, 178, 179, 180}
    assert SectionPage.objects.live().count() >= 4
    assert AuthorPage.objects.live().count() >= 3


def test_one_author_is_the_sites_responsible_publisher(loaded):
    imprint = ImprintSettings.for_site(Site.objects.get(is_default_site=True))

    assert imprint.publication_name == "Norrviks Kurir"
    assert imprint.responsible_publisher.title == "Karin Lund"
    assert imprint.contact_email == "redaktionen@norrvikskurir.example"
    assert imprint.has_publishing_certificate


def test_every_article_file_becomes_a_live_article(loaded):
    assert ArticlePage.objects.live().count() == len(ARTICLE_FILES)


def test_every_article_has_photo_caption_credit_heading_and_real_length(loaded):
    for article in ArticlePage.objects.all():
        assert article.hero_image is not None, article.slug
        assert article.hero_caption and article.hero_photographer, article.slug
        assert any(block.block_type == "heading" for block in article.body), article.slug
        assert 300 <= article.word_count <= 1500, article.slug


def test_articles_keep_their_publication_dates_and_access_levels(loaded):
    for _, meta, _ in ARTICLES:
        article = ArticlePage.objects.get(slug=meta["slug"])
        assert article.first_published_at == parse_time(meta["published"])
        assert article.last_published_at == parse_time(meta.get("updated") or meta["published"])
        assert article.access_level == meta["access"]


def test_issue_contents_follow_the_file_order(loaded):
    for issue in IssuePage.objects.all():
        expected = [
            meta["slug"] for _, meta, _ in ARTICLES if meta.get("issue") == str(issue.number)
        ]
        assert [a.slug for a in issue.table_of_contents()] == expected
        assert issue.cover_image is not None


def test_home_page_is_the_site_root_and_wagtails_welcome_page_is_gone(loaded):
    site = Site.objects.get(is_default_site=True)

    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2, slug="home").exists()


def test_home_page_shows_the_latest_issue(loaded, client):
    response = client.get("/")

    assert response.status_code == 200
    assert "#180" in response.content.decode()


def test_article_page_shows_photo_credit_and_issue(loaded, client):
    article = ArticlePage.objects.get(slug="hamnudden-saldes-under-vardet")

    page = client.get(article.url).content.decode()

    assert "Mats Öberg" in page
    assert "#177" in page


def test_printed_demo_logins_work_and_one_of_them_can_edit(loaded):
    logins = re.findall(r"(\S+@\S+)\s+lösenord: (\S+)", loaded["first_output"])
    users = [get_user_model().objects.get(email__iexact=email) for email, _ in logins]

    assert logins
    assert all(
        user.check_password(password) for user, (_, password) in zip(users, logins, strict=True)
    )
    assert any(user.is_superuser or user.has_perm("wagtailadmin.access_admin") for user in users)


def test_summary_names_the_site_and_admin_addresses(loaded):
    assert "http://127.0.0.1:8000/" in loaded["first_output"]
    assert "http://127.0.0.1:8000/admin/" in loaded["first_output"]


def test_summary_prints_the_addresses_of_site_url_not_a_fixed_port(loaded, settings):
    settings.SITE_URL = "http://127.0.0.1:8300"
    output = run_load_demo()
    assert "http://127.0.0.1:8300/admin/" in output
    assert "127.0.0.1:8000" not in output


def test_editors_changes_survive_loading_again(loaded):
    article = ArticlePage.objects.get(slug="fullmaktige-pausade-hamnudden")
    article.title = "Redaktörens nya rubrik"
    article.save_revision().publish()

    load_magazine()

    assert ArticlePage.objects.get(pk=article.pk).title == "Redaktörens nya rubrik"


def test_refresh_brings_back_the_text_from_the_files(loaded):
    article = ArticlePage.objects.get(slug="fullmaktige-pausade-hamnudden")
    article.title = "Redaktörens nya rubrik"
    article.save_revision().publish()

    load_magazine(refresh=True)

    assert (
        ArticlePage.objects.get(pk=article.pk).title
        == "Klockan 01.40 pausade fullmäktige Hamnudden"
    )
    assert ArticlePage.objects.filter(slug=article.slug).count() == 1


def test_article_added_later_is_placed_in_its_issue(loaded, tmp_path):
    content = shutil.copytree(CONTENT_DIR, tmp_path / "content")
    late = (content / "articles" / "04-ett-valresultat-ar-ingen-ansvarsfrihet.md").read_text(
        encoding="utf-8"
    )
    late = late.replace("slug: ett-valresultat-ar-ingen-ansvarsfrihet", "slug: ett-sent-tillskott")
    (content / "articles" / "99-ett-sent-tillskott.md").write_text(late, encoding="utf-8")

    load_magazine(content_dir=content)

    issue = IssuePage.objects.get(number=178)
    assert [a.slug for a in issue.table_of_contents()][-1] == "ett-sent-tillskott"
    assert issue.first_published_at.astimezone(STOCKHOLM).date() == issue.publication_date


def test_article_page_from_a_markdown_file_has_its_blocks_and_its_picture(loaded):
    article = ArticlePage.objects.get(slug="fullmaktige-pausade-hamnudden")
    kinds = [block.block_type for block in article.body]
    picture = next(block.value for block in article.body if block.block_type == "image")

    assert kinds[0] == "paragraph"
    assert {"heading", "quote", "image"} <= set(kinds)
    assert picture["photographer"] == "Johan Berglund"
    assert picture["caption"].startswith("Stadshuset strax efter klockan två på natten")
    assert picture["image"].width == 1200
    assert article.hero_image.width == 1200


def test_article_naming_an_unknown_section_is_refused_with_its_file_name(loaded, tmp_path):
    content = shutil.copytree(CONTENT_DIR, tmp_path / "content")
    path = content / "articles" / "02-skolskjutsen-billigast-men-inte-bast.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("section: ", "section: sport-", 1), "utf-8"
    )

    with pytest.raises(ContentError, match="02-skolskjutsen-billigast-men-inte-bast.md"):
        load_magazine(content_dir=content)


def test_demo_has_a_web_tv_series_with_a_free_and_a_paid_captioned_video(loaded, client):
    from utgivare.webtv.models import VideoPage, WebTvIndexPage

    index = WebTvIndexPage.objects.get()
    assert index.show_in_menus and index.url.endswith("/webb-tv/")
    videos = list(VideoPage.objects.live().order_by("date"))
    assert sorted(video.access_level for video in videos) == ["free", "subscribers"]
    for video in videos:
        # The loader made the clip itself: a real file, its length read from it.
        assert video.video.container == "mp4" and 3.5 < video.video.duration < 4.5
        assert video.video.file.storage.exists(video.video.file.name)
        assert [caption.language for caption in video.video.captions.all()] == ["sv"]
        assert video.poster is not None and video.chapter_list()
    page = client.get(videos[0].url).content.decode()
    assert "<video" in page and 'srclang="sv"' in page


def test_demo_podcast_has_free_and_paid_episodes_and_a_private_feed_that_parses(loaded):
    import feedparser
    from django.test import Client

    from utgivare.podcasts.models import PodcastEpisodePage, PodcastShowPage, PrivateFeed

    show = PodcastShowPage.objects.live().get()
    levels = sorted(PodcastEpisodePage.objects.live().values_list("access_level", flat=True))
    assert levels == ["free", "subscribers"]
    for episode in PodcastEpisodePage.objects.select_related("audio"):
        assert episode.audio.mime_type == "audio/mpeg" and episode.audio.duration_seconds > 60
    feed = PrivateFeed.objects.get(user__username="prenumerant")
    response = Client().get(f"/poddradio-floden/privat/{feed.token}/{show.slug}/")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    assert "Pia Prenumerant" in parsed.feed.title
    assert [len(entry.enclosures) for entry in parsed.entries] == [1, 1]


def test_demo_correction_genmale_and_tip_are_made_with_their_features(loaded, client):
    from utgivare.corrections.models import Correction, ReplyRequest
    from utgivare.demo.integrity import DEMO_TIPS_PASSPHRASE
    from utgivare.tips import inbox as tip_inbox
    from utgivare.tips.models import Tip

    correction = Correction.objects.get()
    assert correction.page.slug == "valet-i-norrvik-i-siffror"
    page = client.get(correction.page.url).content.decode()
    assert "data-correction-notice" in page and "63,1 procent" in page
    genmale = ReplyRequest.objects.get()
    assert genmale.status == "published" and genmale.page.slug == "hamnudden-saldes-under-vardet"
    assert "Genmäle från Henrik Ståhl" in client.get(genmale.page.url).content.decode()
    key = tip_inbox.unlock(tip_inbox.current_inbox(), DEMO_TIPS_PASSPHRASE)
    opened = tip_inbox.read_for_editor(Tip.objects.get(), key, editor=None)
    assert "skolskjutsenheten" in opened[0].text and not opened[1].from_source


def test_the_signature_writes_a_published_piece_and_its_real_name_is_only_sealed(loaded, client):
    from utgivare.demo.integrity import DEMO_SIGNATURE_REAL_NAME
    from utgivare.signatures.models import SealedIdentity

    signature = AuthorPage.objects.get(slug="nattpatrullen")
    piece = ArticlePage.objects.live().get(author=signature)
    surname = DEMO_SIGNATURE_REAL_NAME.split(",")[0].split()[-1]

    assert signature.is_signature and signature.photo is None and signature.user is None
    assert SealedIdentity.objects.filter(author=signature).exists()
    for url in (signature.url, piece.url):
        body = client.get(url).content.decode()
        assert "Nattpatrullen" in body and surname not in body
