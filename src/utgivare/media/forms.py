"""The admin's upload form: the file's facts are read on upload, a file that is not
audio (or cannot be read) is refused with a message and nothing is stored."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .metadata import MediaRefused, read_audio


class AudioFileForm(WagtailAdminModelForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # An edit without a new upload keeps the stored file and its facts.
        if uploaded is None or not hasattr(uploaded, "content_type"):
            return uploaded
        try:
            self._facts = read_audio(uploaded)
        except MediaRefused as refused:
            raise forms.ValidationError(refused.message, code="not_audio") from refused
        return uploaded

    def save(self, commit=True):
        facts = getattr(self, "_facts", None)
        if facts is not None:
            self.instance.mime_type = facts.mime_type
            self.instance.duration_seconds = facts.duration_seconds
            self.instance.bitrate = facts.bitrate
            self.instance.size = facts.size
            self.instance.kind = self.instance.Kind.AUDIO
        return super().save(commit=commit)
