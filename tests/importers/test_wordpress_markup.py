"""WordPress markup becomes clean body blocks: paragraphs where WordPress would make them,
captions as pictures, YouTube and Vimeo videos as video blocks, other embeds as links,
and nothing that could run in a reader's browser."""

import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from utgivare.importers.markup import body_blocks, plain_text
from utgivare.publication.blocks import BodyBlock
from utgivare.publication.feed_html import body_html


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


def test_youtube_and_vimeo_embeds_become_videos_shown_from_privacy_friendly_players():
    content = (
        '<iframe width="560" src="https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed" '
        'onload="x()"></iframe>\n\n'
        "[embed]https://youtu.be/aBcDeFgHiJ0[/embed]\n\n"
        '<!-- wp:embed {"providerNameSlug":"vimeo"} --><figure class="wp-block-embed '
        'is-provider-vimeo"><div class="wp-block-embed__wrapper">\nhttps://vimeo.com/76979871\n'
        "</div><figcaption>Fullmäktige direkt</figcaption></figure><!-- /wp:embed -->"
    )
    assert kinds(content) == [
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "caption": ""}),
        ("video", {"url": "https://www.youtube.com/watch?v=aBcDeFgHiJ0", "caption": ""}),
        ("video", {"url": "https://vimeo.com/76979871", "caption": "Fullmäktige direkt"}),
    ]
    shown = str(BodyBlock().to_python(body_blocks(content)))
    assert re.findall(r'<iframe src="([^"]+)"', shown) == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/aBcDeFgHiJ0",
        "https://player.vimeo.com/video/76979871?dnt=1",
    ]
    assert 'loading="lazy"' in shown and "onload" not in shown and "youtube.com/embed" not in shown
    assert '<a href="https://vimeo.com/76979871" rel="noopener">Se videon på Vimeo</a>' in shown


def test_lookalike_hosts_other_schemes_and_odd_ids_are_never_videos():
    for src in (
        "https://youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "https://www.youtube.com@evil.example/embed/dQw4w9WgXcQ",
        "https://evil.example/?u=https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXc%22%3E%3Cscript%3E",
        'https://www.youtube.com/embed/dQw4w9WgX"',
        "https://vimeo.com/76979871/../../evil",
        "//www.youtube.com/embed/dQw4w9WgXcQ",
        "javascript://www.youtube.com/embed/dQw4w9WgXcQ",
        "data:text/html,<script>alert(1)</script>",
    ):
        blocks = body_blocks(f"<iframe src='{src}'></iframe>")
        assert all(block["type"] == "paragraph" for block in blocks), src
        shown = str(BodyBlock().to_python(blocks))
        assert "<iframe" not in shown and "<script" not in shown, shown
        assert not re.search(r'href="(?!https?://)', shown), shown


def test_an_editor_may_only_add_youtube_and_vimeo_videos():
    video = BodyBlock().child_blocks["video"]
    assert video.clean(video.to_python({"url": "https://youtu.be/aBcDeFgHiJ0"}))
    with pytest.raises(ValidationError):
        video.clean(video.to_python({"url": "https://video.example.org/embed/9"}))


def test_other_embeds_become_links_and_unknown_shortcodes_disappear():
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
ACTIVE = re.compile(r"<(?:script|svg|img|style|form|input|math)\b", re.I)
# Inside a tag (escaped text such as "&lt;img onerror=…&gt;" is only words to a browser).
ACTIVE_ATTRIBUTE = re.compile(r"\son\w+=|javascript:|data:", re.I)
# The only frames a body may hold: the two players, with an id of plain characters.
PLAYER = re.compile(
    r'<iframe src="https://(?:www\.youtube-nocookie\.com/embed/[A-Za-z0-9_-]{11}'
    r'|player\.vimeo\.com/video/[0-9]+\?dnt=1)"'
)
PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "<p>", "</p>", "\n\n",
        '<a href="javascript:alert(1)">x</a>', '<a href="https://ok.example/">ok</a>',
        "<svg onload=alert(1)>", "<iframe src=https://v.example/e></iframe>", "[caption]",
        "<iframe src='https://www.youtube.com/embed/dQw4w9WgXcQ' onload=alert(1)>",
        "<iframe src=https://youtube.com.evil.example/embed/dQw4w9WgXcQ>", "[embed]",
        "https://vimeo.com/76979871", "[/embed]", "</iframe>",
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
    assert not any(ACTIVE_ATTRIBUTE.search(tag) for tag in re.findall(r"<[^>]*>", shown)), shown
    assert shown.count("<iframe") == len(PLAYER.findall(shown)), shown


def test_feeds_and_the_api_get_a_video_as_a_link_without_a_player():
    stream = BodyBlock().to_python(
        [{"type": "video", "value": {"url": "https://youtu.be/aBcDeFgHiJ0", "caption": "Kajen"}}]
    )
    assert str(body_html(list(stream))) == (
        '<p>Kajen <a href="https://www.youtube.com/watch?v=aBcDeFgHiJ0">'
        "Se videon på YouTube</a></p>"
    )
