"""WordPress markup to Utgivare body blocks (raw StreamField data for BodyBlock).

WordPress stores posts as it was given them: text without paragraphs (its
`wpautop` adds them when showing the post), `[caption]` and other shortcodes,
Gutenberg's block comments (`<!-- wp:paragraph -->`), and whatever HTML an
author pasted, embedded iframes and scripts included. `body_blocks` turns that
into headings, paragraphs, quotes, lists and pictures:

- blank lines separate paragraphs and a single line break is a `<br>`, as
  wpautop does; block comments and unknown shortcodes are dropped;
- `[caption]<img> text[/caption]` and `<figure><img><figcaption>` become a
  picture with its caption, when `image_for(src)` finds the file; otherwise
  the caption alone is kept as a paragraph;
- an `<iframe>`, `[embed]` or Gutenberg embed of a YouTube or Vimeo video
  becomes a video block (`publication.video_embeds` decides, by exact host
  and a checked id); any other embed (a map, an unknown player) a paragraph
  linking to what it showed, if that is an http(s) address; scripts, styles
  and forms are dropped;
- a paragraph keeps bold, italic, links (http, https, mailto), sub- and
  superscript and line breaks and nothing else: nh3 has the last word, so no
  attribute, script or other URL scheme passes.

Pure: no database; pictures are looked up through the `image_for` callback.
"""

import html
import re

import nh3
from lxml import etree
from lxml import html as lxml_html

from utgivare.publication.video_embeds import video_for

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure",
    "iframe", "pre", "table", "hr", "section", "article", "aside", "header", "footer",
    "dl", "address", "details", "form", "video", "audio", "object", "embed", "script",
    "style", "center",
}  # fmt: skip
DROPPED_TAGS = {"script", "style", "form", "noscript", "object", "embed", "template", "button"}
PARAGRAPH_TAGS = {"b", "i", "a", "br", "sup", "sub"}
SAFE_SCHEMES = {"http", "https", "mailto"}
BLOCK_COMMENT = re.compile(r"<!--.*?-->", re.S)
CAPTION = re.compile(r"\[caption[^\]]*\](?P<inner>.*?)\[/caption\]", re.S | re.I)
EMBED = re.compile(r"\[embed[^\]]*\](?P<url>.*?)\[/embed\]", re.S | re.I)
SHORTCODE = re.compile(r"\[/?[a-zA-Z][\w-]*(?:\s[^\]]*)?\]")
BLOCK_TAG_EDGE = re.compile(r"(<(?:/?)(?:" + "|".join(sorted(BLOCK_TAGS)) + r")\b[^>]*>)", re.I)
OPENING_BLOCK_TAG = re.compile(r"<(?:" + "|".join(BLOCK_TAGS) + r")\b[^>]*(?<!/)>", re.I)
CLOSING_BLOCK_TAG = re.compile(r"</(?:" + "|".join(BLOCK_TAGS) + r")\s*>", re.I)
BLANK_LINE = re.compile(r"\n\s*\n")
SPACE = re.compile(r"\s+")
INLINE_RENAMES = {"strong": "b", "em": "i"}


def autop(text: str) -> str:
    """Paragraphs for text that has none, the way WordPress's wpautop reads it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A block-level tag always stands alone, so it never ends up inside a <p>.
    text = BLOCK_TAG_EDGE.sub(r"\n\n\1\n\n", text)
    chunks, depth, current = [], 0, []
    for part in BLANK_LINE.split(text):
        part = part.strip()
        if not part:
            continue
        opening = re.match(r"<([a-zA-Z0-9]+)", part)
        is_block = bool(opening and opening.group(1).lower() in BLOCK_TAGS) or part.startswith("</")
        if depth or is_block:
            current.append(part)
            depth += len(OPENING_BLOCK_TAG.findall(part)) - len(CLOSING_BLOCK_TAG.findall(part))
            depth = max(depth, 0)
            if depth == 0:
                chunks.append("\n".join(current))
                current = []
        else:
            chunks.append("<p>" + part.replace("\n", "<br>") + "</p>")
    if current:
        chunks.append("\n".join(current))
    return "\n".join(chunks)


def clean_inline(fragment: str) -> str:
    """What a paragraph may hold, as Wagtail rich text: nh3 decides the rest."""
    for old, new in INLINE_RENAMES.items():
        fragment = re.sub(rf"<(/?){old}\b", rf"<\1{new}", fragment, flags=re.I)
    cleaned = nh3.clean(
        fragment,
        tags=PARAGRAPH_TAGS,
        attributes={"a": {"href"}},
        url_schemes=SAFE_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return cleaned.strip()


def plain(element) -> str:
    return SPACE.sub(" ", element.text_content() if element is not None else "").strip()


def inner_html(element) -> str:
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        parts.append(etree.tostring(child, encoding="unicode", method="html", with_tail=True))
    return "".join(parts)


class BodyBuilder:
    def __init__(self, image_for=None):
        self.image_for = image_for
        self.blocks: list[dict] = []

    def paragraph(self, fragment: str):
        cleaned = clean_inline(fragment)
        # A paragraph of only line breaks or spaces is no paragraph.
        if re.sub(r"<br\s*/?>|&nbsp;|\s", "", cleaned):
            self.blocks.append({"type": "paragraph", "value": f"<p>{cleaned}</p>"})

    def text(self, value: str):
        value = SPACE.sub(" ", value).strip()
        if value:
            self.paragraph(html.escape(value, quote=False))

    def picture(self, img, caption: str):
        src = (img.get("src") or "").strip() if img is not None else ""
        image = self.image_for(src) if (self.image_for and src) else None
        if image is not None:
            self.blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": image.pk,
                        "caption": caption[:250],
                        "photographer": "",
                        "alt_text": (img.get("alt") or "").strip()[:250],
                    },
                }
            )
        elif caption:
            self.paragraph(f"<i>{html.escape(caption, quote=False)}</i>")

    def embed(self, src: str, caption: str = ""):
        """A YouTube or Vimeo video becomes a video block; anything else a link, if http(s)."""
        video = video_for(src)
        if video is not None:
            self.blocks.append(
                {"type": "video", "value": {"url": video.watch_url, "caption": caption[:250]}}
            )
        elif re.match(r"^https?://", src, re.I):
            label = html.escape(src)
            self.paragraph(f'Inbäddat innehåll: <a href="{label}">{label}</a>')

    def element(self, element):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in DROPPED_TAGS:
            return
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            if text := plain(element):
                self.blocks.append({"type": "heading", "value": text[:250]})
        elif tag == "blockquote":
            cite = element.find(".//cite")
            attribution = plain(cite) if cite is not None else ""
            if cite is not None:
                cite.drop_tree()
            paragraphs = [plain(p) for p in element.findall(".//p")] or [plain(element)]
            text = "\n\n".join(p for p in paragraphs if p)
            if text:
                self.blocks.append(
                    {"type": "quote", "value": {"text": text, "attribution": attribution[:250]}}
                )
        elif tag in {"ul", "ol"}:
            items = [plain(li)[:250] for li in element.findall("li")]
            items = [item for item in items if item]
            if items:
                self.blocks.append(
                    {"type": "list", "value": {"ordered": tag == "ol", "items": items}}
                )
        elif tag == "figure" or tag == "img":
            img = element if tag == "img" else element.find(".//img")
            caption = plain(element.find(".//figcaption")) if tag == "figure" else ""
            iframe = element.find(".//iframe") if tag == "figure" else None
            if img is None and iframe is not None:
                self.element(iframe)
                return
            if img is None and "wp-block-embed" in (element.get("class") or ""):
                # Gutenberg's embed block: the address alone, as text, in the figure.
                self.embed(plain(element.find(".//div")) or plain(element), caption)
                return
            self.picture(img, caption)
        elif tag in {"iframe", "video", "audio"}:
            self.embed((element.get("src") or "").strip())
        elif tag in {"p", "pre", "address", "center"}:
            self.inline_children(element)
        elif tag == "hr":
            return
        elif tag == "table":
            for row in element.iter("tr"):
                self.text(" | ".join(plain(cell) for cell in row if isinstance(cell.tag, str)))
        else:  # div, section and the like: what is inside them
            self.container(element)

    def inline_children(self, element):
        """A paragraph; pictures and embeds inside it are their own blocks."""
        pending = [html.escape(element.text or "", quote=False)]
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in {"img", "iframe", "figure"} or tag in BLOCK_TAGS - {"center"}:
                self.paragraph("".join(pending))
                pending = []
                self.element(child)
                pending.append(html.escape(child.tail or "", quote=False))
            else:
                pending.append(
                    etree.tostring(child, encoding="unicode", method="html", with_tail=True)
                )
        self.paragraph("".join(pending))

    def container(self, element):
        if element.text and element.text.strip():
            self.text(element.text)
        for child in element:
            self.element(child)
            if child.tail and child.tail.strip():
                self.text(child.tail)


def caption_to_figure(match) -> str:
    inner = match.group("inner")
    image = re.search(r"<img\b[^>]*>", inner, re.I)
    caption = re.sub(r"<img\b[^>]*>", "", inner, flags=re.I)
    caption = re.sub(r"</?a\b[^>]*>", "", caption, flags=re.I).strip()
    return f"<figure>{image.group(0) if image else ''}<figcaption>{caption}</figcaption></figure>"


def body_blocks(content: str, image_for=None) -> list[dict]:
    """Raw BodyBlock data for a post's content (see the module's notes)."""
    text = BLOCK_COMMENT.sub("", content or "")
    text = CAPTION.sub(caption_to_figure, text)
    text = EMBED.sub(
        lambda m: f'<iframe src="{html.escape(m.group("url").strip())}"></iframe>', text
    )
    text = SHORTCODE.sub("", text)
    text = autop(text)
    builder = BodyBuilder(image_for)
    if not text.strip():
        return []
    root = lxml_html.fragment_fromstring(text, create_parent="div")
    builder.container(root)
    return builder.blocks


def plain_text(content: str, limit: int = 0) -> str:
    """The text of some HTML, tags and shortcodes dropped (for leads and excerpts)."""
    text = SHORTCODE.sub("", BLOCK_COMMENT.sub("", content or ""))
    text = nh3.clean(text, tags=set(), strip_comments=True)
    text = SPACE.sub(" ", html.unescape(text)).strip()
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + " …"
    return text
