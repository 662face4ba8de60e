from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import attention, page_cache, periodic


class SchedulerLatePanel(Component):
    """Scheduled pages wait for the worker: say so when it has not run lately."""

    name = "core_scheduler_late"
    order = 10

    def __init__(self, state):
        self.state = state

    def render_html(self, parent_context=None):
        if self.state.last_run_at is None:
            since = _("Schemaläggaren har aldrig körts.")
        else:
            local = timezone.localtime(self.state.last_run_at)
            since = _("Schemaläggaren kördes senast %(when)s.") % {
                "when": formats.date_format(local, "j F Y H:i")
            }
        # Own-built HTML with escaped text (format_html).
        return format_html(
            '<section class="panel" role="alert"><div class="help-block help-critical">'
            "<p><strong>{}</strong> {}</p><p>{}</p></div></section>",
            _("Schemalagda sidor publiceras inte just nu."),
            since,
            _(
                "Starta bakgrundsprocessen med ”utgivare run_worker” (make demo gör det "
                "själv); den publicerar schemalagda sidor varje minut."
            ),
        )


@hooks.register("construct_homepage_panels")
def warn_when_scheduler_is_late(request, panels):
    state = periodic.current_scheduler_state(timezone.now())
    if state.late:
        panels.insert(0, SchedulerLatePanel(state))


@hooks.register("before_serve_page")
def page_cache_tags(page, request, serve_args, serve_kwargs):
    # The page's own tag: publishing it, or a piece it lists, drops it from the page cache.
    page_cache.depends_on(request, page_cache.page_tag(page.pk))


class AttentionPanel(Component):
    """What needs attention today, from every app's `utgivare_attention` hook."""

    name = "core_attention"
    order = 20
    template_name = "core/admin/attention_panel.html"

    def __init__(self, groups):
        self.groups = groups

    def get_context_data(self, parent_context=None):
        return {"groups": self.groups}


@hooks.register("construct_homepage_panels")
def attention_today(request, panels):
    now = timezone.now()
    lines = [line for fn in hooks.get_hooks(attention.ATTENTION_HOOK) for line in fn(request, now)]
    if lines and attention.worth_showing(lines):
        panels.insert(0, AttentionPanel(attention.grouped(lines)))
