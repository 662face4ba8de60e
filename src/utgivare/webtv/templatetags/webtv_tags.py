from django import template
from wagtail.images.models import Image

from utgivare.core.models import ImprintSettings
from utgivare.publication.structured_data import to_script_tag

from ..structured_data import video_json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def video_structured_data(context, page, access, player, poster_url=""):
    request = context["request"]
    imprint = ImprintSettings.for_request(request)
    data = video_json_ld(
        page=page,
        url=page.get_full_url(request),
        poster_url=poster_url,
        # Only a free video's file address is the same for everyone and worth listing.
        content_url=request.build_absolute_uri(player["file_url"])
        if player and access.is_accessible_for_free
        else "",
        publisher_name=imprint.publication_name,
        is_accessible_for_free=access.is_accessible_for_free,
    )
    return to_script_tag(data)


@register.simple_tag
def poster_url(page, spec="fill-1280x720"):
    """The poster's rendition URL ("" without a poster); renditions are public images."""
    image: Image | None = page.poster
    return image.get_rendition(spec).url if image else ""


@register.filter
def video_minutes(seconds):
    """A duration as the player shows it: 4:05, 1:02:03."""
    from ..chapters import label

    return label(int(round(seconds or 0)))
