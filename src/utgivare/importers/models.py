"""What the WordPress importer remembers: which WordPress object became which of ours.

One row per imported author, category, tag, post, attachment and comment, keyed
by the WordPress site it came from and its WordPress id, so running the import
again finds what it made before: it updates what changed (by a checksum of
what was read) and creates nothing twice. Old addresses are Wagtail redirects
(wagtail.contrib.redirects), which editors see and can change in the admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObject(models.Model):
    class Kind(models.TextChoices):
        AUTHOR = "author", _("Författare")
        CATEGORY = "category", _("Kategori")
        TAG = "tag", _("Etikett")
        POST = "post", _("Inlägg")
        ATTACHMENT = "attachment", _("Bilaga")
        COMMENT = "comment", _("Kommentar")

    # WordPress ids are unique per WordPress site only.
    source = models.CharField(_("källa"), max_length=255)
    kind = models.CharField(_("slag"), max_length=16, choices=Kind.choices)
    wp_id = models.CharField(_("WordPress-id"), max_length=64)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checksum = models.CharField(max_length=64, blank=True)
    # What has no place of its own yet: a term's name and slug, a post's terms.
    data = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("importerat objekt")
        verbose_name_plural = _("importerade objekt")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "wp_id"], name="imported_object_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} ({self.source})"
