"""StreamField blocks for articles (and blog posts, which reuse them).

Each block knows how to give its plain text, so word counts, teasers and
search never have to guess at HTML.
"""

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from .video_embeds import video_for

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Mellanrubrik")
        template = "publication/blocks/heading.html"


class ParagraphBlock(blocks.RichTextBlock):
    """Drawn without templates: a paragraph template and Wagtail's rich text template
    were two template renders per paragraph, most of a body's drawing. The HTML is
    what `{{ value|richtext }}` gives (Wagtail's template is `{{ html|safe }}`);
    `tests/publication/test_paragraph_markup.py` keeps it so."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    def render_basic(self, value, context=None):
        # mark_safe: Wagtail's own rewriting of the stored rich text (saved through the
        # editor's sanitising converter), exactly as its |richtext filter outputs it.
        return mark_safe(expand_db_html(value.source))  # noqa: S308

    class Meta:
        icon = "pilcrow"
        label = _("Stycke")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citat"))
    attribution = blocks.CharBlock(
        label=_("Källa"),
        required=False,
        help_text=_("Vem som sade eller skrev det, eller dokumentet."),
    )

    class Meta:
        icon = "openquote"
        label = _("Citat")
        template = "publication/blocks/quote.html"


class ListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(label=_("Numrerad"), required=False)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Punkt")), label=_("Punkter"))

    class Meta:
        icon = "list-ul"
        label = _("Lista")
        template = "publication/blocks/list.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildtext"), required=False)
    photographer = blocks.CharBlock(label=_("Fotograf"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        required=False,
        help_text=_("Beskriv bilden för den som inte ser den."),
    )

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "publication/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video, shown without a network call of ours (no oEmbed).

    The player comes from the provider's privacy-friendly address
    (`video_embeds`), loaded only when the reader scrolls near it, and a link
    to the video stands under it for readers whose browser shows no frames.
    """

    url = blocks.URLBlock(
        label=_("Videons adress"),
        help_text=_("En adress till en video på YouTube eller Vimeo."),
    )
    caption = blocks.CharBlock(label=_("Bildtext"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if video_for(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                {"url": ValidationError(_("Bara videor på YouTube och Vimeo kan visas här."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["video"] = video_for(value.get("url") or "")
        return context

    class Meta:
        icon = "media"
        label = _("Video")
        template = "publication/blocks/video.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    list = ListBlock()
    image = ImageBlock()
    video = VideoBlock()

    class Meta:
        block_counts = {}


def block_plain_text(block) -> str:
    """The readable text of one stream child, for word counts and teasers."""
    value = block.value
    if block.block_type == "heading":
        return str(value)
    if block.block_type == "paragraph":
        return strip_tags(value.source).replace("&nbsp;", " ")
    if block.block_type == "quote":
        return value["text"]
    if block.block_type == "list":
        return "\n".join(str(item) for item in value["items"])
    if block.block_type in ("image", "video"):
        return value.get("caption") or ""
    return ""


def stream_plain_text(stream) -> str:
    return "\n\n".join(text for text in (block_plain_text(b) for b in stream) if text)
