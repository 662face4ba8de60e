"""Every feed the site offers: the whole site, a section, a writer, an issue and a blog,
each in RSS 2.0 and Atom, as a feed reader (feedparser) reads it."""

import datetime as dt

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory, IssuePageFactory
from tests.replay import replayed


@pytest.fixture
def content(tree):
    return _content_of(tree)


@replayed
def _content_of(tree):
    section = tree["sections"][0]
    karin = AuthorPageFactory(parent=tree["authors"], title="Karin Lund", slug="karin-lund")
    issue = IssuePageFactory(parent=tree["issues"], number=179)
    day = timezone.now() - dt.timedelta(days=3)
    old = ArticlePageFactory(
        parent=section, title="Äldre om hamnen", author=karin, first_published_at=day
    )
    in_issue = ArticlePageFactory(
        parent=section,
        title="Nämndens beslut",
        issue=issue,
        first_published_at=day - dt.timedelta(days=1),
    )
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=tree["home"]), title="Karins blogg", writer=karin
    )
    post = BlogPostPageFactory(parent=blog, title="Hyrorna & <protokollen>")
    newest = ArticlePageFactory(parent=section, title="Senaste nytt", author=karin)
    return {
        "section": section,
        "author": karin,
        "issue": issue,
        "blog": blog,
        "old": old,
        "in_issue": in_issue,
        "post": post,
        "newest": newest,
    }


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "public" in response["Cache-Control"] and not response.cookies
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return parsed


def titles(parsed):
    return [entry.title for entry in parsed.entries]


def test_every_feed_parses_cleanly_in_both_formats_and_lists_its_pieces(client, content):
    expected = {
        "/flode/": ["Senaste nytt", "Hyrorna & <protokollen>", "Äldre om hamnen"],
        "/flode/sektion/sektion-1/": ["Senaste nytt", "Äldre om hamnen", "Nämndens beslut"],
        "/flode/skribent/karin-lund/": ["Senaste nytt", "Hyrorna & <protokollen>"],
        "/flode/nummer/179/": ["Nämndens beslut"],
        content["blog"].url + "flode/": ["Hyrorna & <protokollen>"],
    }
    for url, wanted in expected.items():
        for suffix, version in (("", "rss20"), ("atom/", "atom10")):
            parsed = read(client, url + suffix)
            assert parsed.version == version, url + suffix
            got = titles(parsed)
            positions = [got.index(title) for title in wanted]
            assert positions == sorted(positions), (url + suffix, got)
    assert "Nämndens beslut" not in titles(read(client, "/flode/skribent/karin-lund/"))
    assert titles(read(client, "/flode/nummer/179/")) == ["Nämndens beslut"]


def test_a_piece_keeps_its_feed_id_when_edited_and_moved(client, content, tree):
    article = content["newest"]

    def ids():
        rss = {e.title: e.id for e in read(client, "/flode/").entries}
        atom = {e.title: e.id for e in read(client, "/flode/atom/").entries}
        return rss, atom

    (rss_before, atom_before) = ids()
    assert rss_before["Senaste nytt"] == atom_before["Senaste nytt"]
    article.title = "Senaste nytt, rättad"
    article.slug = "senaste-nytt-rattad"
    article.save_revision().publish()
    other = type(content["section"])(title="Granskning", slug="granskning")
    tree["home"].add_child(instance=other)
    article.move(other, pos="last-child")
    rss_after, atom_after = ids()
    assert rss_after["Senaste nytt, rättad"] == rss_before["Senaste nytt"]
    assert atom_after["Senaste nytt, rättad"] == atom_before["Senaste nytt"]
    link = next(e.link for e in read(client, "/flode/").entries if e.id == rss_after[article.title])
    assert link.endswith("/granskning/senaste-nytt-rattad/")


def test_an_unknown_section_writer_or_issue_has_no_feed(client, content):
    for url in ("/flode/sektion/finns-inte/", "/flode/skribent/ingen/atom/", "/flode/nummer/9/"):
        assert client.get(url).status_code == 404


def alternates(client, url):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return [
        (link["type"].split("/")[1], link["href"])
        for link in soup.select('head link[rel="alternate"]')
        if "xml" in link["type"]
    ]


def test_every_page_points_feed_readers_to_its_own_feed_and_the_sites(client, content):
    site = [("rss+xml", "/flode/"), ("atom+xml", "/flode/atom/")]
    blog_feeds = [
        ("rss+xml", content["blog"].url + "flode/"),
        ("atom+xml", content["blog"].url + "flode/atom/"),
    ]
    section_feeds = [
        ("rss+xml", "/flode/sektion/sektion-1/"),
        ("atom+xml", "/flode/sektion/sektion-1/atom/"),
    ]
    assert alternates(client, "/") == site
    assert alternates(client, "/sok/?q=hamnen") == site
    assert alternates(client, content["old"].url) == site + section_feeds
    assert alternates(client, content["section"].url) == site + section_feeds
    assert alternates(client, content["author"].url) == site + [
        ("rss+xml", "/flode/skribent/karin-lund/"),
        ("atom+xml", "/flode/skribent/karin-lund/atom/"),
    ]
    assert alternates(client, content["issue"].url) == site + [
        ("rss+xml", "/flode/nummer/179/"),
        ("atom+xml", "/flode/nummer/179/atom/"),
    ]
    assert alternates(client, content["post"].url) == site + blog_feeds
    assert alternates(client, content["blog"].url + "arkiv/") == site + blog_feeds
    footer = BeautifulSoup(client.get("/").content, "html.parser").select_one("footer")
    assert [a["href"] for a in footer.select(".feed-links a")] == ["/flode/", "/flode/atom/"]
