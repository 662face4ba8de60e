"""Writers' blogs (Wagtail pages).

Page tree:
    HomePage
      BlogIndexPage  /bloggar/                -> every blog
        BlogPage     /bloggar/karin/          -> one writer's blog: posts, archive, feed
          BlogPostPage /bloggar/karin/<slug>/

A blog's standing introduction and tagline are shown above every post.
Archive by month: /bloggar/karin/arkiv/2026/11/. RSS: /bloggar/karin/flode/, Atom:
/bloggar/karin/flode/atom/.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from utgivare.comments import threads as comment_threads
from utgivare.publication.index_pages import ChannelIndexPage
from utgivare.publication.models import paginate, with_parents
from utgivare.publication.pieces import ReadablePiece, topics_field
from utgivare.publication.syndication import ATOM, RSS

from .feeds import feed_response_for

POSTS_PER_PAGE = 10
LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


class BlogIndexPage(ChannelIndexPage):
    subpage_types = ["blogs.BlogPage"]
    context_name = "blogs"

    class Meta:
        verbose_name = _("bloggar")

    def channels(self):
        return BlogPage.objects.select_related("writer", "writer__photo", "photo")

    def pieces_of(self, blog):
        return blog.posts()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        post_ids = [post.pk for _blog, posts in context["blogs"] for post in posts]
        context["comment_counts"] = comment_threads.counts_for(post_ids)
        return context


class BlogPage(RoutablePageMixin, Page):
    writer = models.ForeignKey(
        "publication.AuthorPage",
        verbose_name=_("skribent"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="blogs",
        help_text=_("Den som skriver bloggen."),
    )
    tagline = models.CharField(
        _("devis"),
        max_length=200,
        blank=True,
        help_text=_("Till exempel ”Försvara yttrande- och tryckfriheten”."),
    )
    introduction = RichTextField(
        _("stående presentation"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Visas överst i varje inlägg: varför skribenten bloggar."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("porträtt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Lämna tomt för skribentens porträtt."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("writer"),
        FieldPanel("tagline"),
        FieldPanel("introduction"),
        FieldPanel("photo"),
    ]
    parent_page_types = ["blogs.BlogIndexPage"]
    subpage_types = ["blogs.BlogPostPage"]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    class Meta:
        verbose_name = _("blogg")
        verbose_name_plural = _("bloggar")

    @property
    def author_photo(self):
        if self.photo_id:
            return self.photo
        return self.writer.photo if self.writer_id else None

    def posts(self):
        return BlogPostPage.objects.live().public().child_of(self).order_by("-date", "-pk")

    def archive_months(self) -> list[dict]:
        """[{"month": date, "count": n}], newest first, months in Stockholm time."""
        rows = (
            self.posts()
            .annotate(month=TruncMonth("date", tzinfo=LOCAL_TZ))
            .values("month")
            .annotate(count=Count("pk"))
            .order_by("-month")
        )
        return [
            {
                "month": row["month"],
                "count": row["count"],
                "url": self.url
                + self.reverse_subpage(
                    "archive_month", args=[row["month"].year, row["month"].month]
                ),
            }
            for row in rows
        ]

    def feed_url(self):
        return self.url + self.reverse_subpage("feed")

    def atom_feed_url(self):
        return self.url + self.reverse_subpage("feed_atom")

    def archive_url(self):
        return self.url + self.reverse_subpage("archive")

    def _listing_context(self, request, posts):
        page_of_posts = paginate(request, posts, per_page=POSTS_PER_PAGE)
        return {
            "posts": page_of_posts,
            "archive": self.archive_months(),
            "comment_counts": comment_threads.counts_for(p.pk for p in page_of_posts),
        }

    @path("")
    def index_route(self, request):
        return self.render(request, context_overrides=self._listing_context(request, self.posts()))

    @path("arkiv/", name="archive")
    def archive(self, request):
        return self.render(
            request,
            context_overrides={"archive": self.archive_months(), "archive_overview": True},
            template="blogs/blog_archive.html",
        )

    @path("arkiv/<int:year>/<int:month>/", name="archive_month")
    def archive_month(self, request, year, month):
        if not (1 <= month <= 12 and 1900 <= year <= 9999):
            raise Http404
        start = dt.datetime(year, month, 1, tzinfo=LOCAL_TZ)
        end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LOCAL_TZ)
        posts = self.posts().filter(date__gte=start, date__lt=end)
        context = self._listing_context(request, posts)
        if not context["posts"].paginator.count:
            raise Http404
        context["archive_month"] = start.date()
        return self.render(request, context_overrides=context, template="blogs/blog_archive.html")

    @path("flode/", name="feed")
    def feed(self, request):
        return feed_response_for(self, request, RSS)

    @path("flode/atom/", name="feed_atom")
    def feed_atom(self, request):
        return feed_response_for(self, request, ATOM)


class BlogPostPage(ReadablePiece):
    accepts_comments = True  # a discussion below it (comments.threads.is_commentable)
    date = models.DateTimeField(_("publiceringsdag"), default=timezone.now)
    topics = topics_field()

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel(
            "body",
            help_text=_("Dela gärna upp inlägget i delar med mellanrubriker (Del ett, Del två …)."),
        ),
        FieldPanel("topics"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("access_level")], heading=_("Inlägget"))
    ]
    parent_page_types = ["blogs.BlogPage"]
    subpage_types: list = []
    search_fields = ReadablePiece.search_fields + [index.FilterField("date")]

    # The paywall asks which site default applies to this content type.
    paywall_content_type = "blog_post"

    class Meta:
        verbose_name = _("blogginlägg")
        verbose_name_plural = _("blogginlägg")

    @cached_property
    def blog(self):
        return (
            BlogPage.objects.parent_of(self)
            .select_related("writer", "writer__photo", "writer__user", "photo")
            .first()
        )

    @property
    def author(self):
        """The blog's owner: the post's author for bylines, badges and notifications."""
        blog = self.blog
        return blog.writer if blog else None

    @property
    def author_id(self):
        blog = self.blog
        return blog.writer_id if blog else None

    @property
    def comment_count(self) -> int:
        return comment_threads.counts_for([self.pk]).get(self.pk, 0)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blog"] = self.blog
        return context


def with_blogs(posts):
    """Blog posts told their blog (and its writer) in one query, for their bylines."""
    return with_parents(posts, BlogPage, attribute="blog", select_related=("writer",))
