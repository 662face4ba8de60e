from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class VideoForm(WagtailAdminModelForm):
    redo_hls = forms.BooleanField(
        label=_("Gör HLS på nytt"),
        required=False,
        help_text=_("Kryssa i och spara för att göra om HLS, till exempel efter ett fel."),
    )

    def save(self, commit=True):
        if self.cleaned_data.get("redo_hls"):
            # A new transcode is queued by Video.save for a file without HLS.
            self.instance.hls_source = ""
        return super().save(commit=commit)
