from django import template
from django.utils.formats import date_format

from utgivare.comments.thread_html import count_text

register = template.Library()


@register.filter
def comments_in(counts, page_id):
    """'N kommentarer' from a {page_id: count} dict (comments.threads.counts_for)."""
    return count_text((counts or {}).get(page_id, 0))


@register.filter
def month_name(value):
    """'november 2026'."""
    return date_format(value, "F Y")
