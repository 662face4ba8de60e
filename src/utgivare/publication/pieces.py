"""What every readable, paywalled page (article, blog post, and later podcast
episodes and videos) shares: `ReadablePiece`, an abstract Wagtail page.

It owns the fields the paywall, feeds, search and structured data read (`lead`,
`body`, `access_level`, `word_count`), the search fields over them, default
panels, and the access decision in the page context. A concrete page inherits
it instead of `Page`, sets `paywall_content_type` (one of
`subscriptions.choices.CONTENT_TYPES`; a system check refuses a page
without it), and may extend the panels and search fields.
"""

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import models
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from utgivare.core import page_cache
from utgivare.core.caching import marked_personal
from utgivare.paywall import gate
from utgivare.paywall.levels import access_level_field
from utgivare.subscriptions.choices import CONTENT_TYPES

from . import routing
from .blocks import BodyBlock, stream_plain_text
from .reading_time import count_words, reading_minutes

_ACCESS_ATTR = "_utgivare_piece_access"
TOPICS_MAX_LENGTH = 500


def topics_field():
    """A piece's topics (WordPress's categories and tags), as editors type them."""
    return models.CharField(
        _("ämnen"),
        max_length=TOPICS_MAX_LENGTH,
        blank=True,
        help_text=_(
            "Ämnen eller etiketter, åtskilda med kommatecken. De visas under texten, "
            "och ett klick på ett ämne söker efter det."
        ),
    )


def topic_names(text: str) -> list[str]:
    """The topics in a `topics` value: trimmed, each once (case aside), in their order."""
    names, seen = [], set()
    for name in (text or "").split(","):
        name = " ".join(name.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def joined_topics(names) -> str:
    """`names` as a `topics` value: those that fit the field whole, commas taken out of names."""
    value = ""
    for name in topic_names(", ".join(name.replace(",", " ") for name in names)):
        candidate = f"{value}, {name}" if value else name
        if len(candidate) > TOPICS_MAX_LENGTH:
            break
        value = candidate
    return value


# Set by the comments app's ThreadSplicingMiddleware protocol (comments.middleware).
_SPLICES_ATTR = "_comments_thread_splices"


def shell_may_serve(request) -> bool:
    """Only GETs of readers without a session or a message, and never a preview."""
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    if not page_cache.enabled():
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _spliced(request, html: str) -> str:
    """Put the spliced comment threads in now: their markers are per request."""
    splices = getattr(request, _SPLICES_ATTR, None) or {}
    for marker, thread in splices.items():
        html = html.replace(marker, thread, 1)
    if splices:
        setattr(request, _SPLICES_ATTR, {})
    return html


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

    def get_view_restrictions(self):
        # Routed by publication.routing: the ancestors are known, one query fewer.
        found = routing.view_restrictions(self)
        return super().get_view_restrictions() if found is None else found

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
    def topic_list(self) -> list[str]:
        """Its topics for templates and the search index (pieces without the field: none)."""
        return topic_names(getattr(self, "topics", ""))

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
        # (`serve` may have asked already: a read is counted once.)
        decided = getattr(request, _ACCESS_ATTR, None)
        if decided is None or decided[0] != self.pk:
            context["access"] = gate.access_for_request(request, self)
        else:
            context["access"] = decided[1]
        return context

    def serve(self, request, *args, **kwargs):
        """An anonymous reader's page from a shell drawn once per variant.

        Metered pieces are personal (the meter decides full text or teaser and the
        banner counts down), so no shared cache may keep them. But for readers
        without a session the page differs only by the gate's decision: the
        variant (full or teaser), which box, the month and limit, and the
        banner's count. So the page is drawn once per such decision (and per
        language and the page's page-cache versions, which every change to it or
        to what every page shows moves), with the banner cut out; each request
        asks the gate (which counts the read) and puts its own banner in.
        """
        if not shell_may_serve(request):
            return super().serve(request, *args, **kwargs)
        access = gate.access_for_request(request, self)
        setattr(request, _ACCESS_ATTR, (self.pk, access))
        if access.is_accessible_for_free:
            # The same for every reader: core.page_cache keeps the whole answer.
            return super().serve(request, *args, **kwargs)
        versions = page_cache.read_versions([page_cache.page_tag(self.pk), page_cache.SITE])
        key = "utgivare:piece-shell:" + ":".join(
            str(part)
            for part in (
                self.pk,
                self.last_published_at and self.last_published_at.timestamp(),
                access.variant,
                access.box,
                access.month,
                access.limit,
                get_language(),
                *(f"{tag}={version}" for tag, version in sorted(versions.items())),
            )
        ).replace(" ", "")
        banner = render_to_string("paywall/banner.html", {"access": access, "request": request})
        shell = cache.get(key)
        if shell is None:
            response = super().serve(request, *args, **kwargs)
            if not hasattr(response, "render") or response.status_code != 200:
                return response
            response.render()
            html = _spliced(request, response.content.decode(response.charset or "utf-8"))
            if (
                banner.strip()
                and banner not in html
                or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
                or marked_personal(request) not in ((), ("paywall",))
            ):
                # Something per reader beyond the banner: never kept.
                return HttpResponse(html)
            # Kept as the bytes before and after the banner: a long thread (megabytes)
            # is then joined once per request, never searched or encoded again.
            head, _banner, tail = html.partition(banner) if banner.strip() else (html, "", "")
            shell = (head.encode(), tail.encode())
            cache.set(key, shell, page_cache.seconds() or 600)
        return HttpResponse(
            b"".join((shell[0], banner.encode() if banner.strip() else b"", shell[1]))
        )
