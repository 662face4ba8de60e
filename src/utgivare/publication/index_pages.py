"""The abstract Wagtail pages of the one page of a kind below the home page.

`IndexPage`: an intro above its children (the issue archive, the authors).
`ChannelIndexPage`: an index of channels (blogs, podcast shows, web-TV series), each
listed with its newest pieces. A concrete page names its channels (`channels`, a
queryset of the channel model), a channel's pieces, newest first (`pieces_of`), and the
name its template reads the list by (`context_name`).

Each sets its own `subpage_types` and verbose name.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

NEWEST_PER_CHANNEL = 3


class IndexPage(Page):
    intro = models.TextField(_("presentation"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["publication.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class ChannelIndexPage(IndexPage):
    context_name = "channels"

    class Meta:
        abstract = True

    def channels(self):
        raise NotImplementedError

    def pieces_of(self, channel):
        raise NotImplementedError

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        channels = self.channels().live().public().child_of(self).order_by("path")
        # One small query per channel (a publication has a handful), never per piece.
        context[self.context_name] = [
            (channel, list(self.pieces_of(channel)[:NEWEST_PER_CHANNEL])) for channel in channels
        ]
        return context
