from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from utgivare.core.forms import CleanTextMixin

from . import cleaning, codephrase

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TEXT = 20_000
# The whole request, so a huge upload is refused before it is read into memory.
MAX_REQUEST_BYTES = MAX_FILES * MAX_FILE_BYTES + 200_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Högst %(count)s filer.") % {"count": MAX_FILES})
        cleaned = []
        for upload in files:
            if upload.size > MAX_FILE_BYTES:
                raise ValidationError(_("En fil får vara högst 10 MB."))
            try:
                cleaned.append(cleaning.clean(upload.name or "", upload.read()))
            except cleaning.Refused as refused:
                raise ValidationError(str(refused)) from refused
        return cleaned


class TipForm(CleanTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Ditt tips"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Berätta vad du vet och hur du vet det. Skriv inte ditt namn om du inte vill."),
    )
    attachments = AttachmentsField(
        label=_("Bilagor"),
        required=False,
        help_text=_(
            "Bilder (JPEG, PNG, WebP, GIF), pdf eller textfiler, högst fem filer på 10 MB. "
            "Vi tar bort dolda uppgifter ur bilder och pdf-filer innan de sparas."
        ),
    )
    token = forms.CharField(widget=forms.HiddenInput)


class PhraseForm(CleanTextMixin, forms.Form):
    phrase = forms.CharField(
        label=_("Din kodfras"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def clean_phrase(self):
        phrase = codephrase.normalise(self.cleaned_data["phrase"])
        if not codephrase.looks_like_phrase(phrase):
            raise ValidationError(_("Kodfrasen består av sex ord."))
        return phrase


class FollowUpForm(TipForm):
    """More from a returning source; the phrase comes along in the form, as there is no session."""

    text = forms.CharField(
        label=_("Skriv mer"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 6})
    )
    phrase = forms.CharField(widget=forms.HiddenInput)


class PassphraseForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Lösenfras"), widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )


class NewPassphraseForm(forms.Form):
    MIN_LENGTH = 16

    passphrase = forms.CharField(
        label=_("Ny lösenfras"),
        min_length=MIN_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Minst 16 tecken, gärna flera ord. Utan lösenfrasen kan ingen läsa tipsen, "
            "inte heller vi: skriv ner den och förvara den säkert."
        ),
    )
    repeated = forms.CharField(
        label=_("Samma lösenfras igen"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("passphrase") and cleaned.get("passphrase") != cleaned.get("repeated"):
            raise ValidationError(_("Lösenfraserna är inte lika."))
        return cleaned


class InboxSetupForm(NewPassphraseForm):
    retention_days = forms.IntegerField(
        label=_("Lagringstid (dagar)"), min_value=1, max_value=3650, initial=90
    )


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(label=_("Lagringstid (dagar)"), min_value=1, max_value=3650)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Svar till källan"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 5})
    )
