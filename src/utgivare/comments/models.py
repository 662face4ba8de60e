"""Readers' comments on any page (articles, blog posts), with their moderation record.

- `Comment`: one table for every piece. `thread_path` keeps a thread in
  reading order in one query (see threading.py).
- `Thread`: one row per commented page: the approved count, the piece's own
  open/closed setting, and a version that changes whenever the rendered
  thread would. The count is not a field on the page model on purpose: page
  revisions would bring back stale counts when an editor publishes.
- `ModerationEvent`: who changed what, when, with before/after values.
- `Ban`, `CommentReport`: the moderators' and readers' tools.
- `CommentSettings`: the site's rules (who may comment, moderation mode,
  IP policy, spam limits).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from utgivare.core.content_version import CachedSiteSetting

from .moderation import ModerationMode, Rules, Status, parse_word_list
from .policy import ThreadClosing, WhoMayComment
from .privacy import IpPolicy
from .threading import DEFAULT_MAX_DEPTH, MAX_SUPPORTED_DEPTH, PATH_MAX_LENGTH


@register_setting(icon="comment")
class CommentSettings(CachedSiteSetting, BaseSiteSetting):
    who_may_comment = models.CharField(
        _("vem får kommentera"),
        max_length=16,
        choices=WhoMayComment.choices,
        default=WhoMayComment.ANYONE,
    )
    close_after_days = models.PositiveIntegerField(
        _("stäng kommentarer efter (dagar)"),
        default=0,
        help_text=_(
            "Räknat från publiceringen. 0 = stäng aldrig. Varje sida kan ha en egen "
            "inställning under Kommentarer → Trådar."
        ),
    )
    moderation_mode = models.CharField(
        _("granskning"),
        max_length=16,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE_FIRST,
    )
    max_depth = models.PositiveSmallIntegerField(
        _("största djup för svar"),
        default=DEFAULT_MAX_DEPTH,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SUPPORTED_DEPTH)],
        help_text=_("Svar på djupare nivåer läggs på sista nivån och visar vem de svarar."),
    )
    ip_policy = models.CharField(
        _("IP-adresser"),
        max_length=8,
        choices=IpPolicy.choices,
        default=IpPolicy.HASH,
        help_text=_("Texten under kommentarsformuläret följer denna inställning."),
    )
    ip_retention_days = models.PositiveIntegerField(
        _("radera IP-uppgifter efter (dagar)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("dölj efter antal anmälningar"),
        default=3,
        help_text=_(
            "En kommentar som anmäls så här många gånger döljs tills den granskats. "
            "0 = dölj aldrig."
        ),
    )
    banned_words = models.TextField(
        _("spärrade ord"),
        blank=True,
        help_text=_(
            "Ett ord eller uttryck per rad. Kommentarer som innehåller dem hålls för granskning. "
            "Avsluta med * för att träffa alla böjningar (t.ex. bedrag*)."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        _("största antal länkar"),
        default=2,
        help_text=_("Kommentarer med fler länkar hålls för granskning."),
    )
    min_seconds_to_submit = models.PositiveSmallIntegerField(
        _("minsta tid att skriva (sekunder)"),
        default=3,
        help_text=_(
            "Formulär som skickas snabbare än så stoppas (de kommer nästan alltid från robotar)."
        ),
    )
    rate_window_minutes = models.PositiveSmallIntegerField(
        _("tidsfönster för begränsning (minuter)"),
        default=10,
        validators=[MinValueValidator(1)],
    )
    max_per_ip = models.PositiveSmallIntegerField(
        _("högst antal kommentarer per IP-adress i fönstret"),
        default=5,
        help_text=_("0 = ingen gräns."),
    )
    max_per_email = models.PositiveSmallIntegerField(
        _("högst antal kommentarer per e-postadress i fönstret"),
        default=5,
        help_text=_("0 = ingen gräns."),
    )
    notify_moderators = models.BooleanField(
        _("e-posta moderatorerna om nya kommentarer"), default=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("who_may_comment"),
                FieldPanel("close_after_days"),
                FieldPanel("max_depth"),
            ],
            heading=_("Vem och hur länge"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("moderation_mode"),
                FieldPanel("report_threshold"),
                FieldPanel("banned_words"),
                FieldPanel("max_links"),
                FieldPanel("notify_moderators"),
            ],
            heading=_("Granskning"),
        ),
        MultiFieldPanel(
            [FieldPanel("ip_policy"), FieldPanel("ip_retention_days")],
            heading=_("Integritet"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("min_seconds_to_submit"),
                FieldPanel("rate_window_minutes"),
                FieldPanel("max_per_ip"),
                FieldPanel("max_per_email"),
            ],
            heading=_("Skydd mot spam"),
        ),
    ]

    class Meta:
        verbose_name = _("kommentarer")

    def moderation_rules(self, reserved_names=()) -> Rules:
        return Rules(
            mode=self.moderation_mode,
            banned_words=parse_word_list(self.banned_words),
            max_links=self.max_links,
            reserved_names=tuple(reserved_names),
        )


class Thread(models.Model):
    """The discussion under one page: count, open/closed, and a version for caches."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="comment_thread",
        verbose_name=_("sida"),
    )
    approved_count = models.PositiveIntegerField(_("publicerade kommentarer"), default=0)
    closing = models.CharField(
        _("kommentarer"),
        max_length=8,
        choices=ThreadClosing.choices,
        blank=True,
        default=ThreadClosing.SITE_DEFAULT,
    )
    # Bumped in the same transaction as every change that alters the rendered thread.
    version = models.PositiveIntegerField(default=0, editable=False)
    last_comment_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("kommentarstråd")
        verbose_name_plural = _("kommentarstrådar")

    def __str__(self):
        return str(self.page)


class CommentQuerySet(models.QuerySet):
    def public(self):
        """What readers may see: approved and not hidden while reports are reviewed.

        The one place this rule is written for queries; `Comment.is_public` is
        the same rule for a row already loaded.
        """
        return self.filter(status=Status.APPROVED, hidden_for_review=False)


class Comment(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="reader_comments",
        verbose_name=_("sida"),
    )
    # Where the comment nests in the thread.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    # The comment it answers; differs from `parent` when the reply came from
    # below the last level and was attached beside it.
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    thread_path = models.CharField(max_length=PATH_MAX_LENGTH, editable=False)
    depth = models.PositiveSmallIntegerField(default=1, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    held_reasons = models.JSONField(_("skäl"), default=list, blank=True, editable=False)

    author_name = models.CharField(_("namn"), max_length=80)
    # Never rendered on public pages.
    author_email = models.EmailField(_("e-post"), blank=True)
    author_website = models.URLField(_("webbplats"), blank=True)
    text = models.TextField(_("text"))
    # `text` rendered once at save: escaped, linked, nh3-sanitised (comment_text.render).
    text_html = models.TextField(editable=False, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reader_comments",
        verbose_name=_("konto"),
    )

    ip_address = models.GenericIPAddressField(_("IP-adress"), null=True, blank=True)
    ip_hash = models.CharField(_("IP-kontrollsumma"), max_length=64, blank=True)

    created_at = models.DateTimeField(_("skriven"), default=timezone.now)
    edited_at = models.DateTimeField(_("redigerad"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("granskad"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("granskad av"),
    )
    rejection_reason = models.TextField(_("skäl för avvisning"), blank=True)

    open_reports = models.PositiveSmallIntegerField(_("öppna anmälningar"), default=0)
    hidden_for_review = models.BooleanField(_("dold i väntan på granskning"), default=False)

    notify_replies = models.BooleanField(_("vill ha e-post om svar"), default=False)
    notify_confirmed = models.BooleanField(_("e-postadressen bekräftad"), default=False)
    reply_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["thread_path"]
        indexes = [
            # What readers see (`public()`: approved, not hidden) in thread order; the
            # pages of a long thread are counted from this index alone (thread_html).
            models.Index(
                fields=["page", "status", "thread_path", "hidden_for_review"],
                name="comment_public_thread_idx",
            ),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email", "created_at"], name="comment_email_idx"),
            models.Index(fields=["ip_hash", "created_at"], name="comment_iphash_idx"),
        ]
        permissions = [("moderate_comment", _("Kan moderera kommentarer"))]

    def __str__(self):
        return f"{self.author_name}: {self.text[:60]}"

    @property
    def is_public(self) -> bool:
        """The row-level twin of `Comment.objects.public()`."""
        return self.status == Status.APPROVED and not self.hidden_for_review

    @property
    def anchor(self) -> str:
        return f"kommentar-{self.pk}"


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Personangrepp eller hot")
        HATE = "hate", _("Hets eller diskriminering")
        PRIVACY = "privacy", _("Röjer uppgifter om en privatperson")
        FALSE = "false", _("Påstår brott eller oegentligheter utan grund")
        SPAM = "spam", _("Reklam eller skräppost")
        OTHER = "other", _("Annat")

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("skäl"), max_length=10, choices=Reason.choices)
    details = models.TextField(_("beskrivning"), blank=True, max_length=1000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reporter_ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        ordering = ["created_at"]


class ModerationEvent(models.Model):
    """The audit trail: every moderator's decision (a comment's status or words,
    a ban, a thread opened or closed) and readers' reports, by whom and when."""

    class Action(models.TextChoices):
        CREATED = "created", _("Skriven")
        APPROVED = "approved", _("Godkänd")
        REJECTED = "rejected", _("Avvisad")
        SPAM = "spam", _("Markerad som skräppost")
        PENDING = "pending", _("Tillbaka till granskning")
        EDITED = "edited", _("Redigerad")
        REPORTED = "reported", _("Anmäld")
        HIDDEN = "hidden", _("Dold efter anmälningar")
        BANNED = "banned", _("Kommentatorn spärrad")
        UNBANNED = "unbanned", _("Spärr borttagen")
        THREAD_CLOSING = "closing", _("Trådens kommentarer ändrade")
        REPORTS_RESOLVED = "resolved", _("Anmälningar granskade")
        REMOVED_ILLEGAL = "illegal", _("Borttagen som olaglig")

    # SET_NULL: the trail outlives an erased comment. None for decisions about
    # a thread (then `page` names it) or a ban.
    comment = models.ForeignKey(
        Comment, null=True, on_delete=models.SET_NULL, related_name="events"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sida"),
    )
    action = models.CharField(_("händelse"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("av"),
    )
    # Kept when the account is gone: "Anna (moderator)", "läsare", "systemet".
    actor_label = models.CharField(max_length=150, blank=True)
    reason = models.TextField(_("skäl"), blank=True)
    # {"field": [before, after]} for edits and status changes.
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("modereringshändelse")
        verbose_name_plural = _("modereringshändelser")
        ordering = ["-created_at", "-id"]


class Ban(models.Model):
    class Kind(models.TextChoices):
        EMAIL = "email", _("E-postadress")
        IP_HASH = "ip_hash", _("IP-kontrollsumma")

    kind = models.CharField(_("typ"), max_length=8, choices=Kind.choices)
    value = models.CharField(_("värde"), max_length=254)
    reason = models.TextField(_("skäl"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("gäller till"), null=True, blank=True)

    class Meta:
        verbose_name = _("spärr")
        verbose_name_plural = _("spärrar")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="comments_ban_unique_value")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class SealedComment(models.Model):
    """A copy of a comment removed as illegal, sealed to the tip inbox's key.

    Only someone with the ansvarig utgivare's passphrase opens it (tips.sealing).
    Deleted on `keep_until` by `utgivare purge_comment_ips` (see legal.py).
    """

    comment = models.ForeignKey(
        Comment, null=True, on_delete=models.SET_NULL, related_name="sealed_copies"
    )
    ground = models.CharField(_("rättslig grund"), max_length=40)
    sealed = models.BinaryField()
    removed_at = models.DateTimeField()
    keep_until = models.DateField()

    class Meta:
        ordering = ["-removed_at", "-pk"]
