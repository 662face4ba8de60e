from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Correction


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["corrected_on", "wrong", "right", "note"]
        widgets = {
            "corrected_on": forms.DateInput(attrs={"type": "date"}),
            "wrong": forms.Textarea(attrs={"rows": 3}),
            "right": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "wrong": _("Vad texten påstod, så att läsaren förstår vad som rättas."),
            "right": _("Det som är rätt. Rätta också i texten."),
            "note": _("Till exempel hur felet upptäcktes eller vem som påpekade det."),
        }


class CorrectionChangeForm(CorrectionForm):
    reason = forms.CharField(
        label=_("Varför ändras rättelsen?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Visas med den tidigare lydelsen på sidan Rättelser."),
    )


class ReplyEmailForm(forms.Form):
    subject = forms.CharField(label=_("Ämne"), max_length=200)
    body = forms.CharField(label=_("Meddelande"), widget=forms.Textarea(attrs={"rows": 8}))
