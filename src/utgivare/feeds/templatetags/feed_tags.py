"""`{% feed_links page %}`: the autodiscovery links in every page's head.

The site's feed in RSS and Atom, and before it the feed that follows what the
page shows (its section, writer, issue or blog), so a feed reader given any
page address offers the most fitting feed first and the whole site as well.
"""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from utgivare.blogs.models import BlogPage, BlogPostPage
from utgivare.publication.models import ArticlePage, AuthorPage, IssuePage, SectionPage

register = template.Library()


def both(title, rss_url, atom_url):
    return [
        {"title": title, "type": "application/rss+xml", "href": rss_url},
        {"title": f"{title} (Atom)", "type": "application/atom+xml", "href": atom_url},
    ]


def both_by_name(name, kwargs):
    return reverse(f"feeds:{name}_rss", kwargs=kwargs), reverse(f"feeds:{name}_atom", kwargs=kwargs)


def specific_feeds(page) -> list[dict]:
    """The feed that follows this page, in both formats, or none."""
    if isinstance(page, ArticlePage):
        page = page.section
    if isinstance(page, SectionPage):
        return both(page.title, *both_by_name("section", {"slug": page.slug}))
    if isinstance(page, AuthorPage):
        return both(page.title, *both_by_name("author", {"slug": page.slug}))
    if isinstance(page, IssuePage):
        title = _("Nummer %(number)s") % {"number": page.number}
        return both(title, *both_by_name("issue", {"number": page.number}))
    if isinstance(page, BlogPostPage):
        page = page.blog
    if isinstance(page, BlogPage):
        return both(page.title, page.feed_url(), page.atom_feed_url())
    return []


@register.inclusion_tag("feeds/feed_links.html")
def feed_links(page=None, site_name=""):
    links = both(site_name, reverse("feeds:rss"), reverse("feeds:atom"))
    if page is not None:
        links += specific_feeds(page)
    return {"links": links}
