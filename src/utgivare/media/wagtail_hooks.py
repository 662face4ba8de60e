from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MediaFile


class MediaFileViewSet(SnippetViewSet):
    model = MediaFile
    icon = "media"
    menu_label = _("Ljudfiler")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("mime_type", label=_("filtyp")),
        Column("duration_text", label=_("längd")),
        Column("size", label=_("storlek (byte)")),
        Column("download_count", label=_("nedladdningar")),
        "uploaded_at",
    ]
    search_fields = ["title"]

    def get_queryset(self, request):
        return MediaFile.objects.annotate(download_count=Count("downloads"))


register_snippet(MediaFileViewSet)
