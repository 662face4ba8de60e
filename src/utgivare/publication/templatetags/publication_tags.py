from django import template

from utgivare.core.models import ImprintSettings
from utgivare.publication.structured_data import article_json_ld, to_script_tag

register = template.Library()


@register.simple_tag(takes_context=True)
def article_structured_data(context, article, access, hero_url=""):
    request = context["request"]
    imprint = ImprintSettings.for_request(request)
    issue = article.issue
    data = article_json_ld(
        article=article,
        url=article.get_full_url(request),
        image_url=hero_url,
        section_name=article.section.title,
        issue=issue,
        author_url=article.author.get_full_url(request) if article.author_id else None,
        publisher_name=imprint.publication_name,
        is_accessible_for_free=access.is_accessible_for_free,
    )
    return to_script_tag(data)


@register.filter
def is_responsible_publisher(author, imprint):
    return bool(author and imprint and imprint.responsible_publisher_id == author.pk)
