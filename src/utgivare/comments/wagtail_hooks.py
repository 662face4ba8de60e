from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.admin.widgets import Button

from utgivare.core.attention import ATTENTION_HOOK, AttentionLine
from utgivare.core.page_buttons import register_page_buttons

from . import admin_views, log_admin, staff, threads


class ModerationMenuItem(MenuItem):
    """ "Kommentarer (3)": the count is what waits for a moderator (held + reported)."""

    def is_shown(self, request):
        return staff.is_moderator(request.user)

    def render_component(self, request):
        count = admin_views.needs_attention_count(request)
        label = f"{self.label} ({count})" if count else str(self.label)
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs={**self.attrs, "data-comments-waiting": str(count)},
        )


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        gettext_lazy("Kommentarer"),
        reverse("comments_admin:queue"),
        name="comments",
        icon_name="comment",
        order=250,
    )


admin_urls = (
    [
        path("", admin_views.queue, name="queue"),
        path("massatgard/", admin_views.bulk, name="bulk"),
        path("<int:comment_id>/", admin_views.detail, name="detail"),
        path("<int:comment_id>/atgard/", admin_views.act, name="act"),
        path("<int:comment_id>/sparra/", admin_views.ban, name="ban"),
        path("sparrar/", admin_views.bans, name="bans"),
        path("tradar/", admin_views.threads, name="threads"),
        path("historik/", admin_views.history, name="history"),
        path("historik/export/", log_admin.export, name="export"),
        path("<int:comment_id>/olagligt/", log_admin.remove_as_illegal, name="illegal"),
        path("forseglade/", log_admin.sealed_copies, name="sealed"),
    ],
    "comments_admin",
)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("kommentarer/", include(admin_urls))]


@hooks.register("register_permissions")
def register_moderation_permission():
    return Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_comment"
    )


def _comments_button(page, user, priority):
    if not threads.is_commentable(page) or not staff.is_moderator(user):
        return
    yield Button(
        _("Kommentarer"),
        url=reverse("comments_admin:threads") + f"?sida={page.pk}",
        icon_name="comment",
        priority=priority,
    )


register_page_buttons(_comments_button, header_priority=66, listing_priority=55)


@hooks.register(ATTENTION_HOOK)
def comments_needing_attention(request, now):
    if not staff.is_moderator(request.user):
        return []
    counts = admin_views.queue_counts(request)
    queue = reverse("comments_admin:queue")
    group = _("Kommentarer")
    return [
        AttentionLine(group, _("Väntar på granskning"), counts["pending"], queue, True, 10),
        AttentionLine(group, _("Anmälda"), counts["reported"], f"{queue}?flik=reported", True, 11),
    ]
