from wagtail.admin.panels import Panel


class HlsStatusPanel(Panel):
    """The video's HLS state in its edit form: progress, or the error and what to do."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "webtv/admin/hls_status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["video"] = self.instance
            return context
