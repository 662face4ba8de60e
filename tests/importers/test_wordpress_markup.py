"""WordPress markup becomes clean body blocks: paragraphs where WordPress would make them,
captions as pictures, embeds as links, and nothing that could run in a reader's browser."""

import re

from hypothesis import given
from hypothesis import strategies as st

from utgivare.importers.markup import body_blocks, plain_text
from utgivare.publication.blocks import BodyBlock


def kinds(content, image_for=None):
    return [(block["type"], block["value"]) for block in body_blocks(content, image_for)]


def test_text_without_paragraphs_is_split_as_wordpress_shows_it():
    text = "Första raden\nsamma stycke\n\n\nAndra stycket om nämndens beslut.\r\n\r\nTredje."
    assert kinds(text) == [
        ("paragraph", "<p>Första raden<br>samma stycke</p>"),
        ("paragraph", "<p>Andra stycket om nämndens beslut.</p>"),
        ("paragraph", "<p>Tredje.</p>"),
    ]


def test_gutenberg_blocks_become_headings_lists_and_quotes():
    content = (
        '<!-- wp:heading {"level":3} --><h3>Del ett</h3><!-- /wp:heading -->\n'
        "<!-- wp:list --><ol><li>Ett</li><li>Två</li></ol><!-- /wp:list -->\n"
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>Vi följer lagen.</p>'
        "<cite>Kommunstyrelsen</cite></blockquote><!-- /wp:quote -->"
    )
    assert kinds(content) == [
        ("heading", "Del ett"),
        ("list", {"ordered": True, "items": ["Ett", "Två"]}),
        ("quote", {"text": "Vi följer lagen.", "attribution": "Kommunstyrelsen"}),
    ]


class Picture:
    pk = 7


def test_a_caption_is_a_picture_when_the_file_is_there_and_a_line_of_text_when_not():
    content = (
        '[caption id="attachment_5" align="alignleft" width="300"]<a href="/x.jpg">'
        '<img src="https://gamla.example.org/wp-content/uploads/x-300x200.jpg" alt="Kajen" />'
        "</a> Kajen en morgon i maj[/caption]"
    )
    (picture,) = body_blocks(content, image_for=lambda src: Picture())
    assert picture == {
        "type": "image",
        "value": {"image": 7, "caption": "Kajen en morgon i maj", "photographer": "",
                  "alt_text": "Kajen"},
    }  # fmt: skip
    assert kinds(content) == [("paragraph", "<p><i>Kajen en morgon i maj</i></p>")]


def test_embeds_become_links_and_unknown_shortcodes_disappear():
    content = (
        '<iframe src="https://video.example.org/embed/9" width="560"></iframe>\n\n'
        "[embed]https://video.example.org/v/10[/embed]\n\n"
        '[gallery ids="1,2,3"] Efter galleriet.\n\n'
        '<iframe src="javascript:alert(1)"></iframe>'
    )
    texts = [value for _kind, value in kinds(content)]
    assert texts == [
        '<p>Inbäddat innehåll: <a href="https://video.example.org/embed/9">'
        "https://video.example.org/embed/9</a></p>",
        '<p>Inbäddat innehåll: <a href="https://video.example.org/v/10">'
        "https://video.example.org/v/10</a></p>",
        "<p>Efter galleriet.</p>",
    ]


def test_plain_text_for_leads_drops_tags_and_shortcodes():
    assert plain_text("<p>Hej <b>du</b> &amp; [gallery] ni</p>") == "Hej du & ni"
    assert plain_text("ord " * 100, limit=30).endswith(" …")


UNSAFE = re.compile(r"<(?!/?(?:p|b|i|a|br|sup|sub)\b)|\son\w+=|javascript:|data:|style=", re.I)
ACTIVE = re.compile(r"<(?:script|svg|iframe|img|style|form|input|math)|\son\w+=|javascript:", re.I)
PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<p>", "</p>", "\n\n",
        '<a href="javascript:alert(1)">x</a>', '<a href="https://ok.example/">ok</a>',
        "<svg onload=alert(1)>", "<iframe src=https://v.example/e></iframe>", "[caption]",
        "[/caption]", "<!-- wp:paragraph -->", "<style>p{}</style>", "<b>fet</b>", "Åsa",
        '<div style="x">', "</div>", "<h2>Rubrik", "<ul><li>", "<blockquote>", "&lt;script&gt;",
        '<a href="data:text/html,x">d</a>', "<form><input></form>", "]]>", "<em>", "<math>",
    ]
)  # fmt: skip


@given(st.lists(PIECES, max_size=12).map("".join))
def test_nothing_that_could_run_passes_whatever_the_markup(content):
    for block in body_blocks(content):
        value = block["value"]
        if block["type"] == "paragraph":
            assert not UNSAFE.search(value), value
    # As readers get it: each block through its own template (plain text is escaped there).
    shown = str(BodyBlock().to_python(body_blocks(content)))
    assert not ACTIVE.search(shown), shown
