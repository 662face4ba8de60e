from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .chapters import parse_start


class ChapterStartBlock(blocks.CharBlock):
    def clean(self, value):
        value = super().clean(value)
        if parse_start(value) is None:
            raise ValidationError(_("Skriv starttiden som m:ss eller h:mm:ss, till exempel 1:05."))
        return value


class ChapterBlock(blocks.StructBlock):
    start = ChapterStartBlock(label=_("start"), max_length=10, help_text=_("Till exempel 1:05."))
    title = blocks.CharBlock(label=_("rubrik"), max_length=200)

    class Meta:
        icon = "time"
        label = _("kapitel")
