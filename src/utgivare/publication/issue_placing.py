"""Which article is in which issue, whichever way an editor places it.

An issue's contents are its IssuePlacement rows (what readers see) and the same list
in the issue's latest revision (what its edit form shows). Whichever way an editor
places an article (the issue's ordered list, the article's own form, or the bulk
action on many articles), `place_in_issue` keeps the two the same, so saving the
issue later never drops an article placed from elsewhere.
"""

from django.db import transaction
from django.db.models import Max

from .models import IssuePage, IssuePlacement


def place_in_issue(articles, issue, user=None):
    """Put `articles` (in this order, after what is there) into `issue`, taking each
    out of any other issue; `issue=None` takes them out of their issue only."""
    article_ids = [article.pk for article in articles]
    with transaction.atomic():
        previous_issue_ids = set(
            IssuePlacement.objects.filter(article_id__in=article_ids)
            .exclude(issue=issue)
            .values_list("issue_id", flat=True)
        )
        IssuePlacement.objects.filter(article_id__in=article_ids).exclude(issue=issue).delete()
        if issue is not None:
            present = set(issue.placements.values_list("article_id", flat=True))
            next_order = (issue.placements.aggregate(m=Max("sort_order"))["m"] or 0) + 1
            for article_id in article_ids:
                if article_id not in present:
                    IssuePlacement.objects.create(
                        issue=issue, article_id=article_id, sort_order=next_order
                    )
                    next_order += 1
        touched = previous_issue_ids | ({issue.pk} if issue is not None else set())
        for issue_id in touched:
            _follow_rows_in_latest_revision(issue_id, set(article_ids), issue, user)


def _follow_rows_in_latest_revision(issue_id, moved_ids, target, user):
    """Make the issue's latest revision list the same articles as its rows, keeping any
    placement only the draft has, and publish it if the issue had no other changes."""
    issue = IssuePage.objects.get(pk=issue_id)
    if issue.latest_revision_id is None:
        return  # no revision yet: the edit form reads the rows themselves
    had_unpublished_changes = issue.has_unpublished_changes
    draft = issue.get_latest_revision_as_object()
    rows = {row.article_id: row for row in IssuePlacement.objects.filter(issue_id=issue_id)}
    placements = []
    for placement in draft.placements.all():
        if placement.article_id in rows:
            placements.append(rows.pop(placement.article_id))
        elif placement.article_id not in moved_ids and placement.pk is None:
            placements.append(placement)  # added in the draft, not yet published
    placements.extend(sorted(rows.values(), key=lambda row: row.sort_order))
    for order, placement in enumerate(placements):
        placement.sort_order = order
    draft.placements = placements
    revision = draft.save_revision(user=user, log_action=True)
    if issue.live and not had_unpublished_changes:
        revision.publish(user=user)
