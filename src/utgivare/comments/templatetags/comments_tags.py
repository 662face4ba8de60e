"""`{% load comments_tags %}{% comments_for page %}`: count, thread and form under any piece."""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from .. import comment_section, threads
from ..state import thread_state
from ..thread_html import count_text

register = template.Library()


@register.simple_tag(takes_context=True)
def comments_for(context, piece):
    request = context.get("request")
    if request is None or piece is None or not piece.pk:
        return ""
    state = thread_state(request, piece, timezone.now())
    # mark_safe: section_html renders our own templates around the thread built
    # by comments.thread_html, which escapes every commenter-supplied value.
    return mark_safe(  # noqa: S308
        comment_section.section_html(request, state, getattr(request, "comment_form", None))
    )


@register.simple_tag
def comment_count_text(page_id, counts=None):
    """'N kommentarer' for a piece in a list; pass `counts` (threads.counts_for) for many."""
    if counts is None:
        counts = threads.counts_for([page_id])
    return count_text(counts.get(page_id, 0))
