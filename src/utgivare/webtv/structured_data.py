"""schema.org VideoObject for a video page, built only from what every reader may see."""

from utgivare.publication.structured_data import PAYWALLED_SELECTOR

from .chapters import iso_duration


def video_json_ld(*, page, url, poster_url, content_url, publisher_name, is_accessible_for_free):
    video = page.video
    published = page.first_published_at or page.date
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": page.title,
        "description": page.lead,
        "url": url,
        "uploadDate": published.isoformat() if published else None,
        "inLanguage": "sv",
        "isAccessibleForFree": is_accessible_for_free,
        "publisher": {"@type": "Organization", "name": publisher_name},
    }
    if video is not None and video.duration:
        data["duration"] = iso_duration(video.duration)
    if poster_url:
        data["thumbnailUrl"] = [poster_url]
    if content_url:
        data["contentUrl"] = content_url
    if not is_accessible_for_free:
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": PAYWALLED_SELECTOR,
        }
    return data
