"""The site feed and a blog's feed draw a piece's body the same way
(publication.feed_html), through the blocks' own templates."""

import json
import xml.etree.ElementTree as ET

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraph

LEAD = "Vad stod i protokollet från hamnstyrelsen?"
BODY = json.dumps(
    [
        paragraph("Första stycket om <b>köpeavtalet</b>."),
        {"type": "heading", "value": "Del två & <mer>"},
        {"type": "quote", "value": {"text": "<script>alert(1)</script>", "attribution": "A & B"}},
        {"type": "list", "value": {"ordered": True, "items": ["ett <i>", "två"]}},
    ]
)


def description(client, url, title):
    root = ET.fromstring(client.get(url).content)  # noqa: S314 - our own feed, in a test
    (item,) = [i for i in root.iter("item") if i.findtext("title") == title]
    return item.findtext("description")


def test_a_free_article_and_a_free_blog_post_carry_the_same_html(client, tree):
    writer = AuthorPageFactory(parent=tree["authors"])
    blog = BlogPageFactory(parent=BlogIndexPageFactory(parent=tree["home"]), writer=writer)
    ArticlePageFactory(
        parent=tree["sections"][0], title="Artikeln", lead=LEAD, body=BODY, access_level="free"
    )
    BlogPostPageFactory(parent=blog, title="Inlägget", lead=LEAD, body=BODY, access_level="free")

    article_html = description(client, "/flode/", "Artikeln")
    post_html = description(client, blog.url + "flode/", "Inlägget")

    assert article_html == post_html
    assert "<blockquote>" in article_html and "<ol>" in article_html
    # What editors typed as text stays text in a feed reader.
    assert "<script>" not in article_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article_html
    assert "Del två &amp; &lt;mer&gt;" in article_html
