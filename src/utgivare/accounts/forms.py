from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from utgivare.core.forms import CleanTextMixin


class ProfileForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name"]
        labels = {"first_name": _("Förnamn"), "last_name": _("Efternamn")}


class DeleteAccountForm(CleanTextMixin, forms.Form):
    password = forms.CharField(
        label=_("Ditt lösenord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Jag förstår att kontot raderas och inte går att få tillbaka."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            # Signed in with a code, no password: a recent sign-in stands in for it.
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Fel lösenord."))
        return password


# allauth's forms with our text rule, named in settings.ACCOUNT_FORMS.
class LoginForm(CleanTextMixin, allauth_forms.LoginForm):
    pass


class SignupForm(CleanTextMixin, allauth_forms.SignupForm):
    """allauth's sign-up, doing the same work for a known address as for a new one.

    With a known address allauth creates no account and so never hashes the
    password, which made that answer ten times faster than a real sign-up.
    The hash is computed and thrown away, so the two take as long.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Said plainly: no password is needed (login by code), and why one may still help.
        if "password1" in self.fields:
            self.fields["password1"].label = _("Lösenord (valfritt)")
            self.fields["password1"].help_text = _(
                "Utan lösenord loggar du in med en engångskod som vi skickar till din "
                "e-postadress. Väljer du ett, ska det vara minst tio tecken."
            )
        if "password2" in self.fields:
            self.fields["password2"].label = _("Lösenordet igen (om du valde ett)")

    def try_save(self, request):
        password = self.cleaned_data.get("password1")
        if self.account_already_exists and password:
            make_password(password)
        return super().try_save(request)


class AddEmailForm(CleanTextMixin, allauth_forms.AddEmailForm):
    pass


class ChangeEmailForm(CleanTextMixin, allauth_forms.ChangeEmailForm):
    pass


class ChangePasswordForm(CleanTextMixin, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(CleanTextMixin, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordForm(CleanTextMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(CleanTextMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ReauthenticateForm(CleanTextMixin, allauth_forms.ReauthenticateForm):
    pass


class RequestLoginCodeForm(CleanTextMixin, allauth_forms.RequestLoginCodeForm):
    pass


class ConfirmLoginCodeForm(CleanTextMixin, allauth_forms.ConfirmLoginCodeForm):
    pass
