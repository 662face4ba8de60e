from django import template

from utgivare.api import tokens

register = template.Library()


@register.inclusion_tag("api/account_section.html", takes_context=True)
def api_key_section(context):
    """The API key part of "Mitt konto": the active key's start and dates, and the buttons."""
    user = context["request"].user
    return {"token": tokens.active_token(user), "request": context["request"]}
