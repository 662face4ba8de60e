"""A body paragraph (drawn without templates, for speed) is the HTML Wagtail's
`|richtext` filter gives: links to pages rewritten to their addresses, text kept."""

from django.template import engines
from wagtail.rich_text import RichText

from tests.factories import ArticlePageFactory
from utgivare.publication.blocks import ParagraphBlock


def test_paragraph_is_what_the_richtext_filter_draws(tree):
    target = ArticlePageFactory(parent=tree["sections"][0], slug="malet")
    source = (
        f'<p>Läs <a linktype="page" id="{target.pk}">artikeln</a> och '
        '<a href="https://example.org/?a=1&amp;b=2">källan</a>, <b>fet</b> &amp; <i>kursiv</i>.</p>'
        "<ul><li>ett</li><li>två</li></ul>"
    )
    value = RichText(source)
    by_filter = (
        engines["django"]
        .from_string("{% load wagtailcore_tags %}{{ value|richtext }}")
        .render({"value": value})
    )
    drawn = ParagraphBlock().render(value)
    assert drawn == by_filter
    assert 'href="/sektion-1/malet/"' in drawn
