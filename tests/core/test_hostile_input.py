"""Arbitrary text through every public form and query parameter: no 5xx, no half-saved row.

Hypothesis sends any Unicode (control characters included), runs of only
control characters, and values of several thousand characters. PostgreSQL
refuses NUL where SQLite stores it, so CI runs this module on both.
"""

import operator

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.caching import clear_cache
from tests.comments.conftest import form_data
from tests.comments.factories import CommentFactory
from tests.subscriptions.factories import PASSWORD, UserFactory
from utgivare.comments.models import Comment, CommentReport
from utgivare.core.text_input import has_forbidden_characters
from utgivare.paywall.meters import COOKIE_NAME as METER_COOKIE

pytestmark = pytest.mark.django_db
User = get_user_model()

CONTROLS = "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f"
HOSTILE_TEXT = st.one_of(
    # Any code point a browser can send (lone surrogates cannot be encoded).
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.text(st.sampled_from(CONTROLS + "aå9 \t\n\u202e\ufeff"), max_size=20),
    # Overlong: far beyond every field's maximum.
    st.builds(
        operator.mul,
        st.sampled_from(["a", "å", "\x00", "😀", "9", "a\x00"]),
        st.integers(3000, 12000),
    ),
)
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def fresh():
    """Rate limits live in the cache: empty it so every example reaches the form."""

    def fresh():
        clear_cache()

    return fresh


def query_addresses(tree, article):
    """(path, fixed parameters, fuzzed parameter): what the site reads from a query string."""
    return [
        ("/sok/", {}, "q"),
        ("/sok/", {"q": "budget"}, "sida"),
        (tree["sections"][0].url, {}, "sida"),
        (tree["issues"].url, {}, "sida"),
        (article.url, {}, "svara"),
        (f"/kommentarer/{article.pk}/", {}, "svara"),
        ("/sprak/en/", {}, "next"),
        ("/konto/login/", {}, "next"),
        ("/konto/signup/", {}, "next"),
        ("/prenumerera/", {}, "next"),
        ("/prenumerera/klar/", {}, "session_id"),
        ("/flode/", {}, "sida"),
        ("/flode/atom/", {}, "q"),
        ("/", {}, "utm_source"),
        ("/api/articles/", {}, "section"),
        ("/api/blog-posts/", {"blog": "karin"}, "page"),
        ("/api/issues/", {}, "year"),
    ]


@EXAMPLES
@given(value=HOSTILE_TEXT, which=st.integers(0, 16), as_name=st.booleans())
def test_any_query_parameter_value_or_name_is_never_a_server_error(
    client, tree, article, fresh, value, which, as_name
):
    fresh()
    path, fixed, parameter = query_addresses(tree, article)[which]
    query = {**fixed, value: "1"} if as_name else {**fixed, parameter: value}
    assert client.get(path, query).status_code < 500


@EXAMPLES
@given(value=HOSTILE_TEXT)
def test_any_api_authorization_header_is_refused_without_a_server_error(client, db, fresh, value):
    fresh()
    response = client.get("/api/sections/", HTTP_AUTHORIZATION=f"Bearer {value}")
    assert response.status_code in (400, 401)


@EXAMPLES
@given(value=HOSTILE_TEXT, cookie=st.sampled_from(["sessionid", "django_language", METER_COOKIE]))
def test_any_cookie_value_is_never_a_server_error(client, article, fresh, value, cookie):
    fresh()
    # Cookie bytes reach Django as WSGI gives them: UTF-8 read as Latin-1.
    client.cookies[cookie] = value.encode("utf-8").decode("latin-1")
    assert client.get(article.url).status_code < 500


def reader(**fields):
    """The one reader (the examples of a test share its database)."""
    return User.objects.filter(email="lasare@example.org").first() or UserFactory(
        email="lasare@example.org", **fields
    )


def assert_clean(*values):
    for value in values:
        assert not has_forbidden_characters(value), repr(value)


@EXAMPLES
@given(
    value=HOSTILE_TEXT,
    field=st.sampled_from(
        ["name", "email", "website", "text", "in_reply_to", "started", "homepage"]
    ),
)
def test_comment_form_stores_clean_text_or_nothing(client, article, fresh, value, field):
    fresh()
    before = Comment.objects.count()
    response = client.post(f"/kommentarer/{article.pk}/", form_data(**{field: value}))
    assert response.status_code < 500
    if response.status_code != 302:
        assert Comment.objects.count() == before
    for comment in Comment.objects.all():
        assert_clean(
            comment.author_name, comment.author_email, comment.author_website, comment.text
        )


@EXAMPLES
@given(value=HOSTILE_TEXT, field=st.sampled_from(["reason", "details"]))
def test_report_form_stores_clean_text_or_nothing(client, article, fresh, value, field):
    fresh()
    comment = CommentFactory(page=article)
    data = {"reason": "abuse", "details": "Hänger ut en granne.", field: value}
    response = client.post(f"/kommentarer/k/{comment.pk}/anmal/", data)
    assert response.status_code < 500
    for report in CommentReport.objects.filter(comment=comment):
        assert_clean(report.details)
    if "Tack!" not in response.content.decode():
        assert not CommentReport.objects.filter(comment=comment).exists()


ACCOUNT_FORMS = {
    "/konto/signup/": {
        "email": "ny@example.org",
        "password1": "ett långt lösenord",
        "password2": "ett långt lösenord",
    },
    "/konto/login/": {"login": "lasare@example.org", "password": PASSWORD},
    "/konto/login/code/": {"email": "lasare@example.org"},
    "/konto/password/reset/": {"email": "lasare@example.org"},
}


@EXAMPLES
@given(
    value=HOSTILE_TEXT,
    form=st.sampled_from(
        [(path, field) for path, data in ACCOUNT_FORMS.items() for field in [*data, "next"]]
    ),
)
def test_account_forms_store_clean_text_or_nothing(client, db, fresh, value, form):
    fresh()
    reader()
    path, field = form
    users_before = User.objects.count()
    response = client.post(path, {**ACCOUNT_FORMS[path], field: value})
    assert response.status_code < 500
    if path == "/konto/signup/" and response.status_code != 302:
        assert User.objects.count() == users_before
    for user in User.objects.all():
        assert_clean(user.email, user.first_name, user.last_name)
    client.logout()


@EXAMPLES
@given(value=HOSTILE_TEXT, field=st.sampled_from(["first_name", "last_name"]))
def test_profile_form_stores_clean_text_or_nothing(client, db, fresh, value, field):
    fresh()
    profile = reader()
    profile.first_name, profile.last_name = "Lisa", "Läsare"
    profile.save()
    client.force_login(profile)
    response = client.post(
        "/konto/profil/", {"first_name": "Lisa", "last_name": "Läsare", field: value}
    )
    assert response.status_code < 500
    profile.refresh_from_db()
    assert_clean(profile.first_name, profile.last_name)
    if response.status_code != 302:
        assert (profile.first_name, profile.last_name) == ("Lisa", "Läsare")
