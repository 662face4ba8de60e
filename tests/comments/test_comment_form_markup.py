"""The comment form's fields are written out in comments/form.html (Django's widget
templates cost a template render per field): each must still be what Django draws
for the same form, empty, filled in for a logged-in reader, and sent back with
errors, with every value a reader typed escaped."""

from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory

from utgivare.comments.forms import CommentForm

TYPED = {
    "name": 'Granne "<script>alert(1)</script>',
    "email": "inte-en-adress<b>",
    "website": "javascript:alert(1)",
    "text": "",
    "notify_replies": "on",
    "homepage": "<i>bot</i>",
}


def drawn_html(form) -> str:
    state = SimpleNamespace(
        permission=SimpleNamespace(allowed=True, reason=""),
        closed=False,
        notice=[],
        page_url="/sektion/artikel/",
    )
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(is_authenticated=False)
    return render_to_string(
        "comments/form.html",
        {"state": state, "piece": SimpleNamespace(pk=1), "form": form, "started_token": ""},
        request=request,
    )


def django_field(form, name):
    return BeautifulSoup(str(form[name]), "html.parser").find(["input", "textarea"])


def forms():
    bound = CommentForm(data=TYPED)
    assert not bound.is_valid()
    return {
        "empty": CommentForm(),
        "filled in": CommentForm(initial={"name": "Karin <Lund>", "email": "karin@example.org"}),
        "with errors": bound,
    }


@pytest.mark.parametrize("case", ["empty", "filled in", "with errors"])
def test_written_out_fields_are_what_django_draws(case):
    form = forms()[case]
    page = BeautifulSoup(drawn_html(form), "html.parser")
    for name in ("name", "email", "website", "text", "notify_replies", "homepage"):
        ours = page.find(["input", "textarea"], attrs={"name": name})
        theirs = django_field(form, name)
        assert ours.name == theirs.name, name
        assert ours.attrs == theirs.attrs, name
        assert ours.get_text() == theirs.get_text(), name
        if form[name].errors:
            shown = [li.get_text() for li in page.select(f"#id_{name}_error li")]
            assert shown == list(form[name].errors), name


def test_typed_markup_comes_back_as_text():
    page = drawn_html(forms()["with errors"])
    assert "<script>" not in page
    assert "<b>" not in page
    assert "<i>bot</i>" not in page
