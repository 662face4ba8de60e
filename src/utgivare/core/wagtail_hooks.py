from wagtail import hooks

from . import page_cache


@hooks.register("before_serve_page")
def page_cache_tags(page, request, serve_args, serve_kwargs):
    # The page's own tag: publishing it, or a piece it lists, drops it from the page cache.
    page_cache.depends_on(request, page_cache.page_tag(page.pk))
