"""schema.org JSON-LD and Open Graph data for an article.

Built from what the reader is allowed to see: the caller passes the access
decision, and a teaser never carries the body in any field.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .reading_time import iso_duration

# The element that holds the part of the body a reader without access never
# receives; search engines use it to tell paywalled content from cloaking.
PAYWALLED_SELECTOR = ".paywalled-body"

# Apps above this one add to an article's JSON-LD (corrections adds `correction`).
_enrichers = []


def register_enricher(enrich) -> None:
    """`enrich(article, data)` may add to or change the JSON-LD dict in place."""
    if enrich not in _enrichers:
        _enrichers.append(enrich)


_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script_tag(data: dict) -> str:
    """A <script type=application/ld+json> whose content can never close the tag."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_JSON_ESCAPES)
    # mark_safe: `payload` is JSON with <, > and & escaped, so it cannot break out.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def article_json_ld(
    *,
    article,
    url,
    image_url,
    section_name,
    issue,
    author_url,
    publisher_name,
    is_accessible_for_free,
):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _iso(article.first_published_at),
        "dateModified": _iso(article.last_published_at or article.first_published_at),
        "articleSection": section_name,
        "wordCount": article.word_count,
        "timeRequired": iso_duration(article.reading_minutes),
        "inLanguage": "sv",
        "isAccessibleForFree": is_accessible_for_free,
        "publisher": {"@type": "Organization", "name": publisher_name},
    }
    if article.author_id:
        data["author"] = {"@type": "Person", "name": article.author.title, "url": author_url}
    if image_url:
        data["image"] = [image_url]
    if issue is not None:
        data["isPartOf"] = {
            "@type": "PublicationIssue",
            "issueNumber": str(issue.number),
            "datePublished": issue.publication_date.isoformat(),
            "isPartOf": {"@type": "Periodical", "name": publisher_name},
        }
    if not is_accessible_for_free:
        data["hasPart"] = {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": PAYWALLED_SELECTOR,
        }
    for enrich in _enrichers:
        enrich(article, data)
    return data


def _iso(value):
    return value.isoformat() if value else None
