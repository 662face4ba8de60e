from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from utgivare.core.forms import CleanTextMixin


class ReplyRequestForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Ditt namn"), max_length=120)
    contact = forms.EmailField(
        label=_("Din e-postadress"), help_text=_("Visas inte. Redaktionen svarar hit.")
    )
    text = forms.CharField(label=_("Ditt genmäle"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = max_length
        self.fields["text"].widget.attrs["maxlength"] = str(max_length)
        self.fields["text"].validators.append(MaxLengthValidator(max_length))
        self.fields["text"].help_text = _("Högst %(count)s tecken.") % {"count": max_length}
