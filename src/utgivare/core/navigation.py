"""The main menu: top-level pages marked "show in menus", cached per site.

Every page view draws the menu, and it changes only when an editor publishes,
unpublishes, moves or deletes a page, so it is cached until one of those.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

CACHE_KEY = "utgivare:navigation:{site_id}"


def menu_items(site):
    """[{"url", "title"}] for the site's menu, from cache or one query."""
    key = CACHE_KEY.format(site_id=site.pk)
    items = cache.get(key)
    if items is None:
        pages = site.root_page.get_children().live().public().in_menu().order_by("path")
        items = [{"url": page.get_url(), "title": page.title} for page in pages]
        cache.set(key, items, timeout=24 * 3600)
    return items


def forget_menus(**kwargs):
    from wagtail.models import Site

    cache.delete_many(
        [CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    )


def connect_signals():
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(forget_menus, dispatch_uid=f"navigation-{signal!r}")
    post_delete.connect(forget_menus, sender="wagtailcore.Page", dispatch_uid="navigation-delete")
