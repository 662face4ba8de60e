"""The search index: one row per live, public readable piece (any ReadablePiece type).

The row keeps what everyone may read (title, lead, byline, kicker, the teaser's
text) apart from the whole body text, so a search can match a reader who may not
read the piece against the first only. The database-specific index over these
columns (PostgreSQL tsvectors with GIN indexes, an SQLite FTS5 table) is created
by migration 0001 and described in search/backends.py.
"""

from django.db import models


class SearchEntry(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # The piece's paywall_content_type: "article", "blog_post", "podcast_episode", …
    kind = models.CharField(max_length=32)
    # The tree path, to keep a search within one site's pages.
    path = models.CharField(max_length=255)
    # The page above the piece (section, blog, podcast, channel): the kicker and a filter.
    parent_id = models.IntegerField(null=True)
    kicker = models.CharField(max_length=255, blank=True)
    author_id = models.IntegerField(null=True)
    author_name = models.CharField(max_length=255, blank=True)
    issue_id = models.IntegerField(null=True)
    title = models.TextField()
    lead = models.TextField(blank=True)
    # The body a reader without access sees (the piece's teaser blocks) …
    teaser_text = models.TextField(blank=True)
    # … and the whole body: matched only for readers who may read it.
    body_text = models.TextField(blank=True)
    # The piece's own access level ("" = the site default for its kind), read at search time
    # against the site's current defaults.
    access_level = models.CharField(max_length=16, blank=True)
    published_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["published_at"], name="search_entry_published"),
            models.Index(fields=["parent_id"], name="search_entry_parent"),
            models.Index(fields=["author_id"], name="search_entry_author"),
            models.Index(fields=["issue_id"], name="search_entry_issue"),
        ]

    def __str__(self):
        return self.title
