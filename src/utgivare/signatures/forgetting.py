"""When a named author becomes a signature, the site forgets the name it had.

Wagtail keeps, for every page, its earlier revisions (with the title they had),
log entries labelled with the title at the time, and, when the slug changes, a
redirect from the old address. For an author who turns into a signature, each of
these would tie the old name to the signature: an editor browsing the history, a
dumpdata or /skribenter/old-name/ answering with a redirect would reveal it.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageLogEntry, Revision


@transaction.atomic
def forget_name_before_signature(author) -> None:
    if not author.is_signature:
        return
    page_type = ContentType.objects.get_by_natural_key("wagtailcore", "page")
    revisions = Revision.objects.filter(
        base_content_type=page_type,
        object_id=str(author.pk),
    ).exclude(content__is_signature=True)
    if author.latest_revision_id:
        revisions = revisions.exclude(pk=author.latest_revision_id)
    revisions.delete()
    # A revision saved at the switch can still carry the old draft title and address.
    for revision in Revision.objects.filter(
        base_content_type=page_type, object_id=str(author.pk)
    ).only("content"):
        content = dict(revision.content)
        content.update(draft_title=content.get("title", author.title), url_path=author.url_path)
        if content != revision.content:
            Revision.objects.filter(pk=revision.pk).update(content=content)
    Redirect.objects.filter(redirect_page=author).delete()
    entries = PageLogEntry.objects.filter(page_id=author.pk)
    entries.exclude(label=author.title).update(label=author.title)
    # A rename's entry carries the old and the new title in its data.
    entries.filter(action="wagtail.rename").update(data={})


def scrub_log_entry(entry) -> None:
    """A log line written about a signature author keeps neither an old title nor its label.

    Wagtail writes the rename line ({"title": {"old": ..., "new": ...}}) after the
    page_published signal, so this runs on each new line instead.
    """
    from utgivare.publication.models import AuthorPage

    if entry.content_type_id != ContentType.objects.get_for_model(AuthorPage).pk:
        return
    author = AuthorPage.objects.filter(pk=entry.page_id, is_signature=True).first()
    if author is None:
        return
    data = {key: value for key, value in (entry.data or {}).items() if key != "title"}
    if data != entry.data or entry.label != author.title:
        PageLogEntry.objects.filter(pk=entry.pk).update(data=data, label=author.title)
