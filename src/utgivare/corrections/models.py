"""Corrections of published pieces, and every change made to one.

A correction cannot be deleted: there is no delete in the admin, and when its
piece is deleted the correction stays (page set to NULL) and /rattelser/ still
lists it, without the title. An edit keeps the earlier wording in
CorrectionChange, which /rattelser/ shows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Correction(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
        verbose_name=_("text"),
    )
    corrected_on = models.DateField(_("datum"))
    wrong = models.TextField(_("det som var fel"))
    right = models.TextField(_("det rätta"))
    note = models.TextField(_("kommentar"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("rättelse")
        verbose_name_plural = _("rättelser")
        ordering = ["-corrected_on", "-pk"]

    def __str__(self):
        return f"{self.corrected_on}: {self.page.title}"


class CorrectionChange(models.Model):
    """One edit: what the correction said before, who changed it, when and why."""

    correction = models.ForeignKey(Correction, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(max_length=200, blank=True)
    reason = models.TextField(_("varför"), blank=True)
    before = models.JSONField()
    after = models.JSONField()

    class Meta:
        ordering = ["changed_at", "pk"]


class ReplyRequest(models.Model):
    """A request for a genmäle (right of reply) from someone a piece criticised."""

    class Status(models.TextChoices):
        NEW = "new", _("ny")
        DIALOGUE = "dialogue", _("i dialog")
        ACCEPTED = "accepted", _("godkänd")
        PUBLISHED = "published", _("publicerad")
        DECLINED = "declined", _("avböjd")

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="reply_requests",
        verbose_name=_("text"),
    )
    name = models.CharField(_("namn"), max_length=120)
    contact = models.EmailField(_("e-postadress"))
    text = models.TextField(_("genmäle"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    decline_reason = models.TextField(_("skäl att avböja"), blank=True)
    # The published genmäle: "Svar på …" on it, "Genmäle från …" under the original.
    reply_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("begäran om genmäle")
        verbose_name_plural = _("begäran om genmäle")
        ordering = ["-created_at", "-pk"]


class ReplyRequestEvent(models.Model):
    """Every step of a request: received, status changed, e-mail sent, published."""

    request = models.ForeignKey(ReplyRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]


@register_setting(icon="openquote")
class ReplySettings(BaseSiteSetting):
    max_length = models.PositiveIntegerField(
        _("längsta genmäle (tecken)"),
        default=3000,
        help_text=_("Så långt får ett genmäle vara i formuläret Begär genmäle."),
    )

    class Meta:
        verbose_name = _("genmäle")
