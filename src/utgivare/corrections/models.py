"""Corrections of published pieces, and every change made to one.

A correction cannot be deleted: there is no delete in the admin, and when its
piece is deleted the correction stays (page set to NULL) and /rattelser/ still
lists it, without the title. An edit keeps the earlier wording in
CorrectionChange, which /rattelser/ shows.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
