"""/sitemap.xml lists every kind of public page, dated by its last real edit."""

import datetime as dt
import xml.etree.ElementTree as ET

from django.utils import timezone
from wagtail.models import Page

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory, IssuePageFactory

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LONG_AGO = dt.datetime(2025, 1, 2, 9, 0, tzinfo=dt.UTC)


def lastmods(client) -> dict[str, str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and not response.cookies
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, in a test
    return {
        url.findtext(f"{NS}loc").removeprefix("http://testserver"): url.findtext(f"{NS}lastmod")
        for url in root.iter(f"{NS}url")
    }


def test_sitemap_dates_pages_by_their_last_publication_and_lists_by_their_newest_piece(
    client, tree
):
    writer = AuthorPageFactory(parent=tree["authors"], title="Karin Lund")
    issue = IssuePageFactory(parent=tree["issues"], number=179)
    article = ArticlePageFactory(parent=tree["sections"][0], author=writer, issue=issue)
    blog = BlogPageFactory(parent=BlogIndexPageFactory(parent=tree["home"]), writer=writer)
    post = BlogPostPageFactory(parent=blog)
    Page.objects.update(last_published_at=LONG_AGO)  # everything last edited long ago

    before = lastmods(client)
    for page in (issue, writer, blog, post, article, tree["sections"][0]):
        assert before[page.url] == "2025-01-02", page.url

    article.refresh_from_db()
    article.lead = "En rättad ingress."
    article.save_revision().publish()
    article.refresh_from_db()
    edited = timezone.localdate(article.last_published_at).isoformat()  # Stockholm's day
    assert edited != "2025-01-02"
    after = lastmods(client)
    # The article, and every list it is on, changed; the blog and its post did not.
    for page in (article, tree["sections"][0], writer, issue):
        assert after[page.url] == edited, page.url
    assert after[blog.url] == after[post.url] == "2025-01-02"
