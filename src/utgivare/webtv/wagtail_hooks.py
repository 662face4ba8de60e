from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import VideoForm
from .models import Video
from .panels import HlsStatusPanel


class VideoViewSet(SnippetViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videor")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["title", "duration", "hls_summary", "created_at"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            HlsStatusPanel(heading=_("Status")),
            FieldPanel("title"),
            FieldPanel("file"),
            FieldPanel("redo_hls"),
            InlinePanel("captions", heading=_("Textning (WebVTT)"), label=_("textning")),
        ],
        base_form_class=VideoForm,
    )


register_snippet(VideoViewSet)
