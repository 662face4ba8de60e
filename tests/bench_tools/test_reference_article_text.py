"""The reference article is read from the peers' HTML file into headings and paragraphs."""

from bench.serving.dataset import REFERENCE_TITLE, _ArticleText, plain_text


def read(html):
    parser = _ArticleText()
    parser.feed(html)
    return parser


def test_paragraphs_and_subheadings_keep_their_order():
    parser = read(
        "<p>Först &amp; främst.</p>\n<h2>Ett samhälle</h2>\n<p>Sedan\n  <em>mer</em> text.</p>"
    )
    assert parser.blocks == [
        ("paragraph", "Först & främst."),
        ("heading", "Ett samhälle"),
        ("paragraph", "Sedan mer text."),
    ]


def test_a_headline_in_the_file_is_used_and_otherwise_the_peers_title():
    assert read("<h1>Rubrik</h1><p>Text.</p>").headline == "Rubrik"
    assert read("<p>Text.</p>").headline is None
    assert REFERENCE_TITLE == "Skärgårdens tysta morgnar"


def test_page_text_is_compared_without_tags_or_entities():
    assert plain_text("<p>Framtiden\n avgörs <b>av</b> de&nbsp;unga</p>") == (
        "Framtiden avgörs av de unga"
    )
