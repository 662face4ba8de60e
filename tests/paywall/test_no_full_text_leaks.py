"""A reader over quota never receives the paywalled text, on any surface, in any form.

Each paywalled piece below has sentences that appear nowhere else. Readers
without access (over quota, anonymous and logged in) visit every surface the
project has; no sentence after a piece's first paragraph may appear in
anything they receive: HTML, JSON-LD, Open Graph, feeds, search results,
sitemaps, cached pages.

NEW SURFACES MUST BE ADDED TO `SURFACES` BELOW: a print view, an
e-mail newsletter, podcast or web-TV feeds, an AMP page, oEmbed, anything
that shows a piece's text. Every page in the Wagtail tree (and its routable
subpages listed here) is already visited, so new page types and listings are
covered automatically, and so is every operation of the read API's description.
"""

import contextlib
import html
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Page

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    IssuePageFactory,
    article_body,
    paragraph,
    site_tree,
)
from tests.paywall.conftest import make_user
from tests.paywall.test_caching import SHARED_PAGE_CACHE
from tests.podcasts.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
    notes,
)
from tests.webtv.factories import (
    VideoPageFactory,
    WebTvIndexPageFactory,
    WebTvSeriesPageFactory,
)
from utgivare.api import tokens
from utgivare.core import page_cache
from utgivare.media.addresses import signed_path
from utgivare.podcasts.models import PrivateFeed
from utgivare.webtv.models import Video
from utgivare.webtv.storing import add_caption

SECRETS = {
    "metered article": (
        "Öppet stycke ett om hamnaffären.",
        [
            "Hemlig mening alfa om köpeskillingen i hamnaffären.",
            "Hemlig mening beta citerar ordförandens sms till köparen.",
        ],
    ),
    "paid article": (
        "Öppet stycke två om skolskjutsen.",
        [
            "Hemlig mening gamma om entreprenörens vinstmarginal.",
            "Hemlig mening delta nämner en tjänsteman vid namn.",
        ],
    ),
    "metered blog post": (
        "Öppet stycke tre om protokollen.",
        [
            "Hemlig mening epsilon om det försvunna protokollet.",
            "Hemlig mening zeta om visselblåsarens vittnesmål.",
        ],
    ),
    "paid blog post": (
        "Öppet stycke fyra om hyrorna.",
        [
            "Hemlig mening eta om hyresgästföreningens brev.",
            "Hemlig mening theta om bolagets interna kalkyl.",
        ],
    ),
    # Show notes (the body) and, last, the transcript of a podcast episode.
    "metered episode": (
        "Öppet stycke fem om färjeleden.",
        [
            "Hemlig mening iota i shownotes om färjans skrov.",
            "Hemlig mening kappa i utskriften om rederiets skuld.",
        ],
    ),
    "paid episode": (
        "Öppet stycke sex om vattenverket.",
        [
            "Hemlig mening lambda i shownotes om klorhalten.",
            "Hemlig mening my i utskriften om provsvaret.",
        ],
    ),
    "metered video": (
        "Öppet stycke fem om fullmäktiges sändning.",
        [
            "Hemlig mening iota om röstningen bakom stängda dörrar.",
            "Hemlig mening kappa om kommunalrådets ursäkt.",
        ],
    ),
    "paid video": (
        "Öppet stycke sex om intervjun.",
        [
            "Hemlig mening lambda om revisorns svar i intervjun.",
            "Hemlig mening my om det hemliga avtalet.",
        ],
    ),
}
# What a video says and how it is divided: its captions and chapter titles are its text.
VIDEO_SECRETS = {
    "metered video": ("Hemlig textrad ny om sammanträdet.", "Hemligt kapitel xi om budgeten"),
    "paid video": ("Hemlig textrad omikron om avtalet.", "Hemligt kapitel pi om intervjun"),
}
SECRET_SENTENCES = [sentence for _, sentences in SECRETS.values() for sentence in sentences]
SECRET_SENTENCES += [sentence for pair in VIDEO_SECRETS.values() for sentence in pair]


def blog_post_body(first, later):
    blocks = [paragraph(first), {"type": "heading", "value": "Del ett"}]
    blocks.extend(paragraph(text) for text in later[:-1])
    blocks.append({"type": "quote", "value": {"text": later[-1], "attribution": "Protokoll"}})
    return json.dumps(blocks)


# One worker runs this module's tests one after another, so the site below is built once.
pytestmark = pytest.mark.xdist_group("no_full_text_leaks")


@pytest.fixture(scope="module")
def built_site(django_db_setup, django_db_blocker):
    """The site, built once for the module (about a dozen tests each built it again) and
    rolled back afterwards; each test's own changes roll back to it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site(site_tree())
        transaction.set_rollback(True)


@pytest.fixture
def site(db, built_site):
    # A copy per test: api_operations keeps the key it makes in the dict, and the key's
    # row rolls back with the test.
    return dict(built_site)


def build_site(tree):
    section = tree["sections"][0]
    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    issue = IssuePageFactory(parent=tree["issues"], number=179)
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=tree["home"]), title="Karins blogg", writer=writer
    )
    pieces = {
        "metered article": ArticlePageFactory(
            parent=section,
            title="Hamnaffären",
            author=writer,
            issue=issue,
            body=article_body(SECRETS["metered article"][0], *SECRETS["metered article"][1]),
        ),
        "paid article": ArticlePageFactory(
            parent=section,
            title="Skolskjutsen",
            author=writer,
            issue=issue,
            access_level="subscribers",
            body=article_body(SECRETS["paid article"][0], *SECRETS["paid article"][1]),
        ),
        "metered blog post": BlogPostPageFactory(
            parent=blog,
            title="Protokollen",
            body=blog_post_body(*SECRETS["metered blog post"]),
        ),
        "paid blog post": BlogPostPageFactory(
            parent=blog,
            title="Hyrorna",
            access_level="subscribers",
            body=blog_post_body(*SECRETS["paid blog post"]),
        ),
    }
    series = WebTvSeriesPageFactory(parent=WebTvIndexPageFactory(parent=tree["home"]))
    for what, level in (("metered video", ""), ("paid video", "subscribers")):
        caption, chapter = VIDEO_SECRETS[what]
        pieces[what] = VideoPageFactory(
            parent=series,
            title=what.capitalize(),
            video=leak_test_video(caption),
            access_level=level,
            body=blog_post_body(*SECRETS[what]),
            chapters=json.dumps([chapter_block(chapter)]),
        )
    show = PodcastShowPageFactory(
        parent=PodcastIndexPageFactory(parent=tree["home"]), title="Kurirens kvart"
    )
    for what, title, level in [
        ("metered episode", "Färjeleden", ""),
        ("paid episode", "Vattenverket", "subscribers"),
    ]:
        first, (in_notes, in_transcript) = SECRETS[what]
        pieces[what] = PodcastEpisodePageFactory(
            parent=show,
            title=title,
            access_level=level,
            body=notes(first, in_notes),
            transcript=f"WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n{in_transcript}\n",
        )
    fillers = [ArticlePageFactory(parent=section, title=f"Fritt läst {i}") for i in range(3)]
    # A reader without a subscription who once had a private feed: it still answers.
    lapsed_feed = PrivateFeed.objects.create(user=_feed_owner())
    return {
        "pieces": pieces,
        "fillers": fillers,
        "blog": blog,
        "home": tree["home"],
        "show": show,
        "lapsed_feed": lapsed_feed,
        "section": section,
        "writer": writer,
        "issue": issue,
    }


def _feed_owner():
    from tests.paywall.conftest import make_user

    return make_user()


def chapter_block(title):
    return {"type": "chapter", "value": {"start": "0:01", "title": title}}


def leak_test_video(caption_sentence):
    """A stored video with Swedish captions; the bytes need not play for this test."""
    video = Video(title="Läcktest", container="mp4", duration=4, width=160, height=90, size=16)
    video.file.save("upload.mp4", ContentFile(b"\x00" * 16), save=False)
    video.save()
    vtt = f"WEBVTT\n\n00:00.000 --> 00:02.000\n{caption_sentence}\n".encode()
    add_caption(video, vtt)
    return video


# --- Surfaces ----------------------------------------------------------------------------
# Each takes (client, site) and returns [(what, body)] as the reader received it.


def every_page_in_the_tree(client, site):
    """Home, sections, issues, authors, blogs, articles, posts: every live page."""
    pages = Page.objects.live().descendant_of(site["home"], inclusive=True).specific()
    return [(f"page {page.url}", get(client, page.url)) for page in pages]


def piece_pages_with_query_strings(client, site):
    # Variants a cache or a print stylesheet might treat differently.
    return [
        (f"{page.url}{suffix}", get(client, page.url + suffix))
        for page in site["pieces"].values()
        for suffix in ("?print=1", "?format=json", "?amp=1")
    ]


def structured_data_and_open_graph(client, site):
    found = []
    for what, page in site["pieces"].items():
        body = get(client, page.url)
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S):
            data = json.loads(script)
            assert "articleBody" not in data
            found.append((f"JSON-LD of {what}", script))
        meta = re.findall(r"<meta [^>]*>", body)
        found.append((f"meta tags of {what}", "\n".join(meta)))
    return found


def video_files_the_reader_was_given(client, site):
    """Every file address a video page hands this reader (captions, playlists), fetched."""
    found = []
    for what, page in site["pieces"].items():
        body = get(client, page.url)
        found.append((f"page of {what}", body))
        for url in sorted(set(re.findall(r'(/videofiler/[^"]+)"', body))):
            response = client.get(url)
            data = b"".join(response.streaming_content) if response.streaming else response.content
            found.append((url, data.decode("utf-8", "replace")))
    return found


def site_feeds(client, site):
    """The whole site's, each section's, writer's and issue's feeds, RSS and Atom."""
    feeds = [
        "/flode/",
        f"/flode/sektion/{site['section'].slug}/",
        f"/flode/skribent/{site['writer'].slug}/",
        f"/flode/nummer/{site['issue'].number}/",
    ]
    return [(url, get(client, url)) for feed in feeds for url in (feed, feed + "atom/")]


def blog_feed_and_archives(client, site):
    blog = site["blog"]
    urls = (blog.feed_url(), blog.atom_feed_url(), blog.archive_url())
    return [(url, get(client, url)) for url in urls]


def podcast_feeds_and_files(client, site):
    """The show's public feed, a private feed without a subscription, chapters, and the
    transcript and file addresses a page or feed could hand out to the public."""
    show = site["show"]
    token = site["lapsed_feed"].token
    found = [
        (show.feed_url(), get(client, show.feed_url())),
        ("private feed", get(client, f"/poddradio-floden/privat/{token}/{show.slug}/")),
    ]
    for what in ("metered episode", "paid episode"):
        episode = site["pieces"][what]
        chapters = f"/poddradio-floden/kapitel/{episode.pk}.json"
        found.append((f"chapters of {what}", get(client, chapters)))
        # The public address a free episode would have: never reaches a paid one.
        token = signed_path(episode.audio, "p", None).split("/")[2]
        for url in (f"/poddradio-floden/utskrift/{token}/", f"/mediafil/{token}/x.mp3"):
            response = client.get(url)
            assert response.status_code == 403, url
            found.append((url, response.content.decode()))
    return found


def search_results(client, site):
    queries = ["Hemlig mening", "köpeskillingen", "sms", "vinstmarginal", "tjänsteman"]
    queries += ["protokollet", "visselblåsarens", "hyresgästföreningens", "kalkyl"]
    queries += [page.title for page in site["pieces"].values()]
    return [(f"search {q}", get(client, "/sok/", {"q": q})) for q in queries]


def sitemap(client, site):
    return [("sitemap.xml", get(client, "/sitemap.xml"))]


def api_operations(client, site, key=None):
    """Every operation /api/openapi.json describes, so a new one is walked without being
    listed here: each list in full, and each detail for every id (or number) its list
    gives. Sent with the client's cookies (the API reads no session), and again with the
    API key of a reader who has no subscription (or `key`)."""
    if key is None:
        key = site.get("api_key") or tokens.create(make_user(), timezone.now())[1]
        site["api_key"] = key
    paths = json.loads(get(client, "/api/openapi.json"))["paths"]
    lists = [path for path in paths if "{" not in path]
    details = [path for path in paths if "{" in path]
    found = []
    for headers in ({}, {"HTTP_AUTHORIZATION": f"Bearer {key}"}):
        listed = {}
        for path in lists:
            body = get(client, path, {"page_size": 100}, **headers)
            listed[path] = json.loads(body)["results"]
            found.append((f"{path} {headers and 'with key'}", body))
        for path in details:
            list_path, _sep, rest = path.partition("{")
            field = rest.split("}")[0]
            values = [item[field] for item in listed[list_path]]
            assert values, f"nothing to fill {path} with"
            for value in values:
                url = path.replace(f"{{{field}}}", str(value))
                found.append((f"{url} {headers and 'with key'}", get(client, url, **headers)))
    # And the captions behind any video address the API handed out (the address is
    # the grant: fetched without the key, as a player would).
    for what, body in list(found):
        for url in sorted(set(re.findall(r'https?://[^/"]+(/videofiler/[^"]+\.vtt)"', body))):
            response = client.get(url)
            assert response.status_code == 200, url
            data = b"".join(response.streaming_content)
            found.append((f"{url} from {what}", data.decode("utf-8", "replace")))
    return found


SURFACES = [
    podcast_feeds_and_files,
    every_page_in_the_tree,
    piece_pages_with_query_strings,
    structured_data_and_open_graph,
    site_feeds,
    blog_feed_and_archives,
    search_results,
    sitemap,
    video_files_the_reader_was_given,
    api_operations,
]


def get(client, url, params=None, **headers):
    response = client.get(url, params or {}, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def leaks(body):
    with contextlib.suppress(ValueError):
        # JSON may write "ä" as "\u00e4": compare the text it stands for.
        body = json.dumps(json.loads(body), ensure_ascii=False)
    text = html.unescape(html.unescape(body))
    return [sentence for sentence in SECRET_SENTENCES if sentence in text]


# --- Readers ------------------------------------------------------------------------------


def over_quota(client, site):
    for filler in site["fillers"]:
        get(client, filler.url)
    return client


@pytest.fixture
def anonymous_over_quota(site):
    return over_quota(Client(), site)


@pytest.fixture
def logged_in_over_quota(site, reader):
    client = Client()
    client.force_login(reader)
    return over_quota(client, site)


@pytest.fixture
def subscriber_has_read_everything(site, subscriber):
    """A subscriber reads every piece first, so every cache holds the full versions."""
    client = Client()
    client.force_login(subscriber)
    for page in site["pieces"].values():
        assert leaks(get(client, page.url)), "a subscriber sees the full text"
    return client


def leaks_on_every_surface(client, site):
    """[(surface, what, leaked sentences)] for everything `client` receives."""
    found = []
    for surface in SURFACES:
        received = surface(client, site)
        assert received, surface.__name__
        found += [(surface.__name__, what, leaks(body)) for what, body in received if leaks(body)]
    return found


@pytest.mark.parametrize("reader_kind", ["anonymous_over_quota", "logged_in_over_quota"])
def test_no_paywalled_sentence_reaches_a_reader_over_quota(
    request, reader_kind, site, subscriber_has_read_everything
):
    client = request.getfixturevalue(reader_kind)
    assert leaks_on_every_surface(client, site) == []


# Three walks over every API operation from one address: more than the anonymous rate allows.
@override_settings(API_RATE_LIMIT_ANONYMOUS="100000/m", API_RATE_LIMIT_KEY="100000/m")
@SHARED_PAGE_CACHE
def test_no_paywalled_sentence_comes_through_a_shared_page_cache(
    site, subscriber_has_read_everything, anonymous_over_quota
):
    # A subscriber reads every surface twice (filling the page cache), then the reader does.
    for _ in range(2):
        leaks_on_every_surface(subscriber_has_read_everything, site)
    assert leaks_on_every_surface(anonymous_over_quota, site) == []


def test_no_paywalled_sentence_comes_through_the_apps_page_and_piece_caches(
    site, subscriber_has_read_everything, settings
):
    # core.page_cache and the pieces' shells on: readers on their first read fill
    # them with every full version the meter gives, then a reader over quota reads.
    settings.PAGE_CACHE_SECONDS = 600
    try:
        for page in site["pieces"].values():
            get(Client(), page.url)
        assert leaks_on_every_surface(over_quota(Client(), site), site) == []
    finally:
        page_cache._memo.clear()


def test_first_paragraphs_do_reach_the_reader_over_quota(anonymous_over_quota, site):
    # The control: the pages are there, only the paywalled part is missing.
    for what, page in site["pieces"].items():
        body = get(anonymous_over_quota, page.url)
        assert SECRETS[what][0] in body
        assert "paywall-box" in body


def test_every_feed_does_carry_the_first_paragraphs(anonymous_over_quota, site):
    # The control for the feeds: each lists its pieces, only the paywalled part is missing.
    articles = [SECRETS[what][0] for what in ("metered article", "paid article")]
    everything = articles + [SECRETS[what][0] for what in ("metered blog post", "paid blog post")]
    feeds = site_feeds(anonymous_over_quota, site) + blog_feed_and_archives(
        anonymous_over_quota, site
    )
    for url, body in feeds:
        if "/arkiv/" in url:
            continue  # the blog's archive page, not a feed
        text = html.unescape(html.unescape(body))
        if "/sektion/" in url or "/nummer/" in url:
            expected = articles
        elif url.startswith(site["blog"].url):
            expected = everything[2:]
        else:  # the whole site's and the writer's
            expected = everything
        assert [first for first in expected if first not in text] == [], url


@pytest.mark.parametrize("reader_kind", ["anonymous_over_quota", "logged_in_over_quota"])
def test_search_does_not_tell_which_words_a_paywalled_body_holds(request, reader_kind, site):
    # Listing a piece for a word only in its hidden body answers "does it say X?".
    client = request.getfixturevalue(reader_kind)
    for word in ["köpeskillingen", "vinstmarginal", "visselblåsarens", "kalkyl"]:
        page = get(client, "/sok/", {"q": word})
        listed = [what for what, piece in site["pieces"].items() if piece.url in page]
        assert listed == [], word


def test_video_captions_and_chapters_do_reach_a_subscriber(site, subscriber_has_read_everything):
    # The control for the video surface: it finds captions and chapters where they are given.
    received = video_files_the_reader_was_given(subscriber_has_read_everything, site)
    found = {sentence for _, body in received for sentence in leaks(body)}
    assert {sentence for pair in VIDEO_SECRETS.values() for sentence in pair} <= found


def test_a_subscribers_api_key_does_get_the_full_text(site, subscriber):
    """The control for the API surface: the text is there for a key that may read it
    (bodies, show notes and transcripts in the answers; a video's chapters in its answer
    and its captions behind the addresses the answer gives)."""
    key = tokens.create(subscriber, timezone.now())[1]
    received = api_operations(Client(), site, key=key)
    with_key = "\n".join(body for what, body in received if what.endswith("with key"))
    assert set(leaks(with_key)) == set(SECRET_SENTENCES)
