from django import template

from ..money import format_kr

register = template.Library()


@register.filter
def kr(amount_ore):
    """{{ payment.amount_ore|kr }} -> "1 195 kr"."""
    if amount_ore in (None, ""):
        return ""
    return format_kr(int(amount_ore))
