"""Forms that keep control characters out of what is stored (see core/text_input.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from utgivare.core.text_input import clean_text, has_forbidden_characters

FORBIDDEN_CHARACTERS_MESSAGE = _("Texten innehåller tecken som inte kan sparas.")


def refuse_forbidden_characters(value) -> None:
    if isinstance(value, str) and has_forbidden_characters(value):
        raise ValidationError(FORBIDDEN_CHARACTERS_MESSAGE, code="forbidden_characters")


class CleanTextMixin:
    """Mixed into every public form: typed text is cleaned, secrets are refused.

    What a reader types (a name, a comment, an e-mail address) loses its
    control characters and is put in Unicode normal form C before the fields
    see it, so the form shown again holds exactly what would be stored; a
    stray vertical tab from a pasted PDF costs nobody their comment. A
    password must be used exactly as typed, so one with a control character
    is refused with a message instead of being changed behind the reader's back.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                # Ours names every refused character, NUL included, in Swedish.
                field.validators = [
                    v
                    for v in field.validators
                    if not isinstance(v, ProhibitNullCharactersValidator)
                ] + [refuse_forbidden_characters]
        if self.is_bound:
            self.data = self._cleaned_data_input(self.data)

    def _cleaned_data_input(self, data):
        typed = [
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field, forms.CharField)
            and not isinstance(field.widget, forms.PasswordInput)
        ]
        data = data.copy()
        for key in typed:
            if key not in data:
                continue
            if hasattr(data, "setlist"):
                data.setlist(key, [_clean(value) for value in data.getlist(key)])
            else:
                data[key] = _clean(data[key])
        return data


def _clean(value):
    return clean_text(value) if isinstance(value, str) else value
