import functools
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from utgivare.core.forms import CleanTextMixin

from .comment_text import normalise_text, safe_website
from .models import CommentReport
from .spam import FORM_TOKEN_MAX_AGE_SECONDS

MAX_TEXT_LENGTH = 5000
_TOKEN_SALT = "utgivare.comments.form-shown"  # noqa: S105 - a signing salt, not a secret


# A token issued when the reader first touched the form (the `form_started` endpoint)
# rather than when the page was drawn: pages are cached whole, so the page itself
# cannot say when this reader saw it.
_FIRST_INTERACTION = "i"


def form_token(now_seconds: float | None = None, *, first_interaction: bool = False) -> str:
    """A signed timestamp of when the form was shown, or first touched (minimum-time check)."""
    if now_seconds is None and not first_interaction:
        return _shown_token(int(time.time()), settings.SECRET_KEY)
    when = int(now_seconds if now_seconds is not None else time.time())
    return signing.dumps(
        [when, _FIRST_INTERACTION] if first_interaction else when, salt=_TOKEN_SALT
    )


@functools.lru_cache(maxsize=4)
def _shown_token(when: int, secret_key: str) -> str:
    # Every page drawn within one second gets the same token (the signature's own
    # timestamp counts seconds too): signed once per second, not once per page.
    return signing.dumps(when, key=secret_key, salt=_TOKEN_SALT)


@dataclass(frozen=True)
class FormTiming:
    seconds: float
    # Measured from the reader's first touch of the form, not from drawing it.
    from_first_interaction: bool


def form_timing(token: str, now_seconds: float | None = None) -> FormTiming | None:
    """How long ago the token was issued, or None when it is missing, forged or too old."""
    try:
        value = signing.loads(token or "", salt=_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    interaction = False
    if isinstance(value, list) and len(value) == 2 and value[1] == _FIRST_INTERACTION:
        value, interaction = value[0], True
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    now = now_seconds if now_seconds is not None else time.time()
    return FormTiming(now - value, interaction)


def seconds_since_shown(token: str, now_seconds: float | None = None) -> float | None:
    timing = form_timing(token, now_seconds)
    return None if timing is None else timing.seconds


class CommentForm(CleanTextMixin, forms.Form):
    name = forms.CharField(
        label=_("Namn"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Visas med kommentaren. Du får skriva under signatur."),
    )
    email = forms.EmailField(
        label=_("E-post"),
        help_text=_("Publiceras inte."),
        error_messages={"required": _("Skriv din e-postadress. Den publiceras inte.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.URLField(
        label=_("Webbplats"),
        required=False,
        assume_scheme="https",
        max_length=200,
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    text = forms.CharField(
        label=_("Kommentar"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Vanlig text. Tom rad ger nytt stycke; webbadresser blir länkar."),
    )
    notify_replies = forms.BooleanField(
        label=_("Skicka e-post till mig när någon svarar på min kommentar"),
        required=False,
    )
    in_reply_to = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people (CSS, aria-hidden, no tab stop); bots fill it in.
    homepage = forms.CharField(
        label=_("Lämna detta fält tomt"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_name(self):
        name = " ".join(normalise_text(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError(_("Skriv ett namn eller en signatur."))
        return name

    def clean_website(self):
        website = self.cleaned_data.get("website", "")
        if website and not safe_website(website):
            raise forms.ValidationError(
                _("Ange en webbadress som börjar med http:// eller https://.")
            )
        return website

    def clean_text(self):
        text = normalise_text(self.cleaned_data["text"])
        if len(text) < 2:
            raise forms.ValidationError(_("Skriv en kommentar."))
        return text


class ModeratorEditForm(CleanTextMixin, forms.Form):
    author_name = forms.CharField(label=_("Namn"), max_length=80)
    author_website = forms.URLField(
        label=_("Webbplats"), required=False, assume_scheme="https", max_length=200
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    reason = forms.CharField(
        label=_("Varför ändras kommentaren?"),
        required=False,
        max_length=500,
        help_text=_("Sparas i historiken tillsammans med texten före och efter."),
    )


class ReportForm(CleanTextMixin, forms.Form):
    reason = forms.ChoiceField(
        label=_("Varför ska kommentaren granskas?"),
        choices=CommentReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Berätta mer (frivilligt)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
