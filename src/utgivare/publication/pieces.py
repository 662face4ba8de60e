"""What every readable, paywalled page (article, blog post, and later podcast
episodes and videos) shares: `ReadablePiece`, an abstract Wagtail page.

It owns the fields the paywall, feeds, search and structured data read (`lead`,
`body`, `access_level`, `word_count`), the search fields over them, default
panels, and the access decision in the page context. A concrete page inherits
it instead of `Page`, sets `paywall_content_type` (one of
`subscriptions.choices.CONTENT_TYPES`; a system check refuses a page
without it), and may extend the panels and search fields.
"""

from django.core import checks
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from utgivare.paywall import gate
from utgivare.paywall.levels import access_level_field
from utgivare.subscriptions.choices import CONTENT_TYPES

from .blocks import BodyBlock, stream_plain_text
from .reading_time import count_words, reading_minutes


class ReadablePiece(Page):
    lead = models.TextField(
        _("ingress"), help_text=_("Visas för alla läsare, även utan prenumeration.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("brödtext"))
    access_level = access_level_field()
    word_count = models.PositiveIntegerField(_("antal ord"), default=0, editable=False)

    # Which site default and which subscriptions apply: set by every concrete page.
    paywall_content_type: str

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    settings_panels = Page.settings_panels + [FieldPanel("access_level")]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("access_level"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def check(cls, **kwargs):
        errors = super().check(**kwargs)
        if getattr(cls, "paywall_content_type", None) not in CONTENT_TYPES:
            errors.append(
                checks.Error(
                    f"{cls.__name__}.paywall_content_type must be one of {CONTENT_TYPES}.",
                    hint="The paywall reads it to pick the site default and the subscriptions "
                    "that cover the piece.",
                    obj=cls,
                    id="publication.E001",
                )
            )
        return errors

    def save(self, *args, **kwargs):
        # Stored, so lists and feeds show reading times without rendering bodies.
        self.word_count = count_words(self.lead) + count_words(stream_plain_text(self.body))
        return super().save(*args, **kwargs)

    @property
    def reading_minutes(self):
        return reading_minutes(self.word_count)

    def teaser_blocks(self):
        """What a reader without access sees of the body: the first paragraph only."""
        for block in self.body:
            if block.block_type == "paragraph":
                return [block]
        return []

    def shown_on_pages(self) -> list[int]:
        """Ids of the pages that list this piece (its section or blog, the home page, ...).

        core.page_cache drops exactly these (and the piece) from the page cache
        when the piece is published, unpublished, edited or gets a comment.
        """
        return list(Page.objects.ancestor_of(self).values_list("pk", flat=True))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The one access decision; templates render the full body only if it allows.
        context["access"] = gate.access_for_request(request, self)
        return context
