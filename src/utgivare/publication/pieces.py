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
from django.db import models
from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from utgivare.core import page_cache, process_copies, shell_parts
from utgivare.core.caching import marked_personal
from utgivare.core.text_input import positive_id
from utgivare.paywall import gate
from utgivare.paywall.banner import banner_html
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


# comments.thread_html.PAGE_PARAMETER (publication sits below comments).
THREAD_PAGE_PARAMETER = "kommentarer"

# What a session may hold that is shown on a piece to its reader alone: flash
# messages (django.contrib.messages' session storage) and the reader's comments
# held for review (comments.comment_section.SESSION_PENDING_KEY).
_PERSONAL_SESSION_KEYS = ("_messages", "comments_pending")


def shell_may_serve(request) -> bool:
    """GETs without a query, a flash message or a preview, by a reader who is not staff.

    A reader with a session (logged in or not) qualifies when the session holds
    nothing the page would show them alone; staff and moderators see tools on
    the page (userbar, moderation links) and are drawn per request.
    """
    if request.method != "GET" or getattr(request, "is_preview", False):
        return False
    # A query changes the page (?svara= draws a reply form in the thread); only the
    # page of a long comment thread is part of the shell's key.
    if any(name != THREAD_PAGE_PARAMETER for name in request.GET):
        return False
    if not page_cache.enabled():
        return False
    cookies = request.COOKIES
    if "messages" in cookies:
        return False
    if settings.SESSION_COOKIE_NAME not in cookies:
        return True
    session = getattr(request, "session", None)
    if session is None:
        return False
    user = getattr(request, "user", None)
    # The reader before the session's keys: loading the reader loads the session
    # with their kept rows in one cache round trip (core.reader_cache).
    logged_in = user is not None and user.is_authenticated
    if any(key in session for key in _PERSONAL_SESSION_KEYS):
        return False
    if not logged_in:
        return True
    return user.is_active and not (
        gate.is_staff(user) or user.has_perm("comments.moderate_comment")
    )


# The slot the meter's banner is cut into: filled from the gate's decision.
_BANNER_SLOT = "paywallbanner"


def _names_reader(request, html: str) -> bool:
    """Whether the drawn page (before its comment thread) names the logged-in reader:
    then something per reader escaped the slots."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    names = (user.email, user.get_username(), user.get_full_name())
    return any(len(name) >= 3 and name in html for name in names)


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
        """A reader's page from a shell drawn once per variant and kind of reader.

        Metered and paid pieces, and every piece read by a logged-in reader, are
        personal: the meter decides full text or teaser, the banner counts down,
        the header links to the reader's account, the comment form carries their
        name. But between readers of one kind the page differs only in those few
        parts. So the page is drawn once per piece, variant (full or teaser),
        box, month, limit, banner or none, logged in or not, subscriber or not,
        language and the page-cache versions of the piece and `site` (which
        every change to it, its thread or what every page shows moves); the
        banner is cut out and the reader's own parts are slots
        (core.shell_parts). Each request asks the gate (which counts the read)
        and fills in its own banner and slots.
        """
        if not shell_may_serve(request):
            return super().serve(request, *args, **kwargs)
        access = gate.access_for_request(request, self)
        setattr(request, _ACCESS_ATTR, (self.pk, access))
        logged_in = request.user.is_authenticated
        if access.is_accessible_for_free and not logged_in:
            # The same for every reader: core.page_cache keeps the whole answer.
            return super().serve(request, *args, **kwargs)
        if not logged_in:
            page_cache.drawn_per_reader(request)
        subscriber = logged_in and gate.entitlements_for_request(request).is_subscriber
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
                access.show_banner,
                logged_in,
                subscriber,
                get_language(),
                positive_id(request.GET.get(THREAD_PAGE_PARAMETER)) or 1,
                *(f"{tag}={version}" for tag, version in sorted(versions.items())),
            )
        ).replace(" ", "")
        banner = banner_html(request, access)
        # The key names the versions: a process may keep its own copy (core.process_copies).
        shell = process_copies.get(key)
        if shell is None:
            shell = self._draw_shell(request, banner, *args, **kwargs)
            if isinstance(shell, HttpResponse):
                return shell
            process_copies.set(key, shell, page_cache.seconds() or 600)
        try:
            body = shell_parts.fill(request, shell, {_BANNER_SLOT: banner})
        except shell_parts.UnknownSlot:
            return super().serve(request, *args, **kwargs)
        return HttpResponse(body)

    def _draw_shell(self, request, banner, *args, **kwargs):
        """The shell of this page for this kind of reader, or the response itself
        when the page holds something of this reader's own beyond the banner and
        the slots (then it is never kept)."""
        nonce = shell_parts.begin(request)
        banner_slot = shell_parts.slot(request, _BANNER_SLOT)
        try:
            response = super().serve(request, *args, **kwargs)
            if not hasattr(response, "render") or response.status_code != 200:
                return response
            response.render()
        finally:
            shell_parts.end(request)
        html = response.content.decode(response.charset or "utf-8")
        personal = (
            banner.strip()
            and banner not in html
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or marked_personal(request) not in ((), ("paywall",))
            or _names_reader(request, html)
        )
        # The comment thread goes in after the check: readers' names are in it.
        html = _spliced(request, html)
        if personal:
            # Something per reader beyond the banner and the slots: never kept.
            return HttpResponse(shell_parts.fill(request, shell_parts.cut(html, nonce)))
        if banner.strip():
            # The banner is per request too. Kept as bytes between slots, a long
            # thread (megabytes) is joined once per request, never searched or
            # encoded again.
            html = html.replace(banner, banner_slot, 1)
        return shell_parts.cut(html, nonce)
