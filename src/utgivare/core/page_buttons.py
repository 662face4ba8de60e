"""A page's own button, in both places Wagtail's page admin shows such buttons: the
page's header (editing it) and its "more" menu in the page listing."""

from wagtail import hooks


def register_page_buttons(buttons, *, header_priority: int, listing_priority: int) -> None:
    """`buttons(page, user, priority)` yields the page's buttons for this user (or none)."""

    @hooks.register("register_page_header_buttons")
    def page_header_buttons(page, user, view_name, next_url=None):
        yield from buttons(page, user, header_priority)

    @hooks.register("register_page_listing_more_buttons")
    def page_listing_buttons(page, user, next_url=None):
        yield from buttons(page, user, listing_priority)
