"""The magazine: numbered issues, sections, articles and their authors (Wagtail pages).

Page tree:
    HomePage
      IssueIndexPage  /nummer/          -> IssuePage  /nummer/179/
      SectionPage     /politiska-rapporter/ -> ArticlePage
      AuthorIndexPage /skribenter/      -> AuthorPage
"""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from . import routing
from .forms import ArticlePageForm, IssuePageForm
from .index_pages import IndexPage
from .pieces import ReadablePiece, topics_field

ARTICLES_PER_PAGE = 12


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("sida", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


class HomePage(Page):
    intro = models.TextField(_("presentation"), blank=True)
    latest_per_section = models.PositiveSmallIntegerField(
        _("senaste artiklar per sektion"), default=3
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("latest_per_section")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startsida")

    def route(self, request, path_components):
        # The site root routes everything below it in two queries (publication.routing).
        if path_components:
            result = routing.cached_route_below(self, request, path_components)
            if result is not routing.FALLBACK:
                return result
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        latest_issue = (
            issues_out(timezone.localdate())
            .public()
            .select_related("cover_image")
            .order_by("-number")
            .first()
        )
        context["latest_issue"] = latest_issue
        context["latest_issue_articles"] = latest_issue.table_of_contents() if latest_issue else []
        sections = list(SectionPage.objects.live().public().child_of(self).order_by("path"))
        context["sections"] = sections
        context["section_articles"] = latest_articles_per_section(sections, self.latest_per_section)
        return context


def issues_out(today):
    """Live issues whose day has come and that have at least one live article.

    An issue prepared ahead of its date, or whose articles are still scheduled,
    is not yet "the latest issue" a reader is shown.
    """
    has_live_article = IssuePlacement.objects.filter(issue=OuterRef("pk"), article__live=True)
    return (
        IssuePage.objects.live()
        .filter(publication_date__lte=today)
        .filter(Exists(has_live_article))
    )


def latest_articles_per_section(sections, per_section):
    """[(section, [newest articles])], in one query however many sections there are.

    Each article is ranked within its section (the parent's path is the first
    part of its own) and only the first `per_section` of each are fetched.
    """
    if not sections or per_section <= 0:
        return [(section, []) for section in sections]
    parent_length = len(sections[0].path)
    ranked = (
        ArticlePage.objects.live()
        .public()
        .annotate(
            section_path=Substr("path", 1, parent_length),
            rank=Window(
                RowNumber(),
                partition_by=Substr("path", 1, parent_length),
                order_by=[F("first_published_at").desc(), F("pk").desc()],
            ),
        )
        .filter(
            depth=sections[0].depth + 1,
            section_path__in=[section.path for section in sections],
            rank__lte=per_section,
        )
        .select_related("hero_image", "author")
        .order_by("rank")
    )
    by_section = {section.path: [] for section in sections}
    for article in ranked:
        by_section[article.section_path].append(article)
    return [(section, by_section[section.path]) for section in sections]


class IssueIndexPage(IndexPage):
    subpage_types = ["publication.IssuePage"]

    class Meta:
        verbose_name = _("nummerarkiv")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = (
            IssuePage.objects.live()
            .public()
            .child_of(self)
            .select_related("cover_image")
            .order_by("-number")
        )
        context["issues"] = paginate(request, issues, per_page=24)
        return context


class IssuePage(Page):
    number = models.PositiveIntegerField(_("nummer"), unique=True)
    publication_date = models.DateField(_("utgivningsdag"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("omslag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("i detta nummer"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("number"), FieldPanel("publication_date")], heading=_("Nummer")
        ),
        FieldPanel("cover_image"),
        FieldPanel("summary"),
        InlinePanel("placements", label=_("Innehåll, i ordning")),
    ]
    parent_page_types = ["publication.IssueIndexPage"]
    subpage_types: list = []
    search_fields = Page.search_fields + [index.SearchField("summary")]
    base_form_class = IssuePageForm

    class Meta:
        verbose_name = _("nummer")
        verbose_name_plural = _("nummer")
        ordering = ["-number"]

    def table_of_contents(self):
        """Live articles in the editor's order, with what the contents list shows."""
        placements = (
            self.placements.filter(article__live=True)
            .select_related("article", "article__author", "article__hero_image")
            .order_by("sort_order")
        )
        return [placement.article for placement in placements]

    def neighbours(self):
        """(previous, next) issue that is out, either None; in one query.

        Siblings under the same archive, which is public since this issue is served, so
        only a restriction on the issue itself can hide one.
        """
        restricted = PageViewRestriction.objects.filter(page_id=OuterRef("pk"))
        out = (
            issues_out(timezone.localdate())
            .filter(path__startswith=self.path[: -self.steplen], depth=self.depth)
            .exclude(Exists(restricted))
        )
        previous_pk = out.filter(number__lt=self.number).order_by("-number").values("pk")[:1]
        next_pk = out.filter(number__gt=self.number).order_by("number").values("pk")[:1]
        both = IssuePage.objects.filter(Q(pk__in=previous_pk) | Q(pk__in=next_pk))
        by_side = {issue.number < self.number: issue for issue in both}
        return by_side.get(True), by_side.get(False)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.table_of_contents()
        context["previous_issue"], context["next_issue"] = self.neighbours()
        return context


class IssuePlacement(Orderable):
    """An article's place in one issue. One row per article: at most one issue each."""

    issue = ParentalKey(IssuePage, related_name="placements", on_delete=models.CASCADE)
    article = models.OneToOneField(
        "publication.ArticlePage",
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="issue_placement",
        error_messages={
            "unique": _(
                "Artikeln ingår redan i ett annat nummer. En artikel kan bara "
                "publiceras i ett nummer."
            ),
        },
    )

    panels = [PageChooserPanel("article", "publication.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("artikel i numret")


class SectionPage(Page):
    intro = models.TextField(_("presentation"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["publication.HomePage"]
    subpage_types = ["publication.ArticlePage"]

    class Meta:
        verbose_name = _("sektion")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("hero_image", "author")
            .order_by("-first_published_at")
        )
        context["articles"] = paginate(request, articles)
        return context


class AuthorIndexPage(IndexPage):
    subpage_types = ["publication.AuthorPage"]

    class Meta:
        verbose_name = _("skribenter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = (
            AuthorPage.objects.live()
            .public()
            .child_of(self)
            .select_related("photo")
            .order_by("title")
        )
        return context


class AuthorPage(Page):
    """A writer. The page title is the name shown in bylines.

    A signature author (`is_signature`) publishes under a pseudonym: the title is the
    signature and nothing on this row may point at the person. Their real name, if the
    editors keep it at all, lives sealed in `signatures.SealedIdentity`; here the rules
    only close the doors an editor could open by accident (`signature_problems`).
    """

    role = models.CharField(
        _("roll"),
        max_length=120,
        blank=True,
        help_text=_("Till exempel ”Reporter” eller ”Chefredaktör”."),
    )
    bio = RichTextField(_("presentation"), features=["bold", "italic", "link"], blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("porträtt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public_email = models.EmailField(_("publik e-post"), blank=True)
    is_signature = models.BooleanField(
        _("signatur"),
        default=False,
        help_text=_(
            "Skribenten publicerar under signatur: rubriken är signaturen, adressen bildas "
            "av den, och sidan får varken porträtt eller inloggningskonto. Skriv aldrig det "
            "verkliga namnet här; det förseglas för den ansvariga utgivaren under Signatur."
        ),
    )
    user = models.OneToOneField(
        "auth.User",
        verbose_name=_("inloggningskonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_page",
        help_text=_("Kopplar skribenten till ett konto, så att hens kommentarer märks."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("is_signature"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("public_email"),
        FieldPanel("user"),
    ]
    parent_page_types = ["publication.AuthorIndexPage"]
    subpage_types: list = []
    search_fields = Page.search_fields + [index.SearchField("bio")]

    class Meta:
        verbose_name = _("skribent")
        verbose_name_plural = _("skribenter")

    @property
    def name(self):
        return self.title

    def clean(self):
        if self.is_signature:
            self.slug = signature_slug(self.title)
        super().clean()  # checks the slug is free among the other authors
        if self.is_signature:
            problems = signature_problems(self)
            if problems:
                raise ValidationError(problems)

    def save(self, *args, **kwargs):
        # Also when saved from code (the demo, an import): the address is the signature's.
        if self.is_signature and self.title:
            self.slug = signature_slug(self.title)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live()
            .public()
            .filter(author=self)
            .select_related("hero_image")
            .order_by("-first_published_at")
        )
        page_of_articles = paginate(request, articles)
        page_of_articles.object_list = list(page_of_articles.object_list)
        for article in page_of_articles.object_list:
            article.author = self  # the byline: no query per card
        with_parents(page_of_articles.object_list)  # the section of each card
        context["articles"] = page_of_articles
        # The writer's blogs (blogs.BlogPage.writer), by the relation's name: no import.
        context["blogs"] = self.blogs.live().public().order_by("title")
        return context


def signature_slug(signature: str) -> str:
    """The address of a signature author: from the signature alone, never typed by hand."""
    return slugify(signature, allow_unicode=True)[:255] or "signatur"


def signature_problems(author) -> dict:
    """What on a signature author's page could tell who writes (field -> message)."""
    problems = {}
    if author.photo_id:
        problems["photo"] = _(
            "En signatur har inget porträtt: en bild kan avslöja skribenten genom ansiktet, "
            "filnamnet eller sina metadata (EXIF)."
        )
    if author.user_id:
        problems["user"] = _(
            "En signatur kopplas inte till ett inloggningskonto: kontots namn och "
            "e-postadress syns för alla som administrerar användare."
        )
    return problems


def with_parents(pages, parent_model=Page, *, attribute="_cached_parent_obj", select_related=()):
    """Load the parents of `pages` in one query, so reading them costs none each.

    Each page's parent, if it is a `parent_model`, is put in the page's `attribute`: by
    default where `get_parent()` looks; the name of a cached property (an episode's
    `show`) fills that instead. A page whose parent is not found keeps its own lookup.
    """
    step = Page.steplen
    parents = parent_model.objects.filter(path__in={page.path[:-step] for page in pages})
    if select_related:  # select_related() without names would join every foreign key
        parents = parents.select_related(*select_related)
    by_path = {parent.path: parent for parent in parents} if pages else {}
    for page in pages:
        parent = by_path.get(page.path[:-step])
        if parent is not None:
            page.__dict__[attribute] = parent
    return pages


class ArticlePage(ReadablePiece):
    accepts_comments = True  # a discussion below it (comments.threads.is_commentable)
    author = models.ForeignKey(
        AuthorPage,
        verbose_name=_("skribent"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("huvudbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("bildtext"), max_length=300, blank=True)
    hero_photographer = models.CharField(_("fotograf"), max_length=120, blank=True)
    hero_alt = models.CharField(
        _("alternativtext"),
        max_length=300,
        blank=True,
        help_text=_("Beskriv bilden för den som inte ser den."),
    )
    topics = topics_field()

    # Byline and picture between the lead and the body, where the page shows them; who
    # may read it and in which issue it appears on the main tab, where editors look.
    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("author"),
        FieldPanel("access_level"),
        FieldPanel("issue"),
        MultiFieldPanel(
            [
                FieldPanel("hero_image"),
                FieldPanel("hero_caption"),
                FieldPanel("hero_photographer"),
                FieldPanel("hero_alt"),
            ],
            heading=_("Huvudbild"),
        ),
        FieldPanel("body"),
        FieldPanel("topics"),
    ]
    settings_panels = Page.settings_panels
    base_form_class = ArticlePageForm
    parent_page_types = ["publication.SectionPage"]
    subpage_types: list = []

    # The paywall asks which site-default applies to this content type.
    paywall_content_type = "article"
    # Read by the page's template: joined in when the page is served (publication.routing).
    serve_select_related = ("author", "hero_image", "issue_placement__issue")

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artiklar")

    @cached_property
    def section(self):
        return self.get_parent().specific_deferred

    def shown_on_pages(self) -> list[int]:
        """Its section and the home page, and its author's page and issue, which list it."""
        placement = IssuePlacement.objects.filter(article_id=self.pk).values_list(
            "issue_id", flat=True
        )
        return [*super().shown_on_pages(), self.author_id, *placement]

    @cached_property
    def issue(self):
        if type(self).issue_placement.is_cached(self):  # joined in when served
            placement = getattr(self, "issue_placement", None)
        else:
            placement = IssuePlacement.objects.filter(article=self).select_related("issue").first()
        return placement.issue if placement else None
