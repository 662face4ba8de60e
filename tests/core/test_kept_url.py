"""`{% url … %}` with its addresses kept once worked out (core/kept_url.py): whatever
the language, script prefix, autoescaping or arguments, and however often a template
is drawn, it gives what Django's own tag gives."""

import pytest
from django.conf import settings as project_settings
from django.template import Context, Engine, RequestContext, engines
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, set_script_prefix
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from utgivare.core.kept_url import KeptURLNode

# Django's own tag: an engine without this project's template options.
STOCK = Engine()
OURS = engines["django"].engine


def both(source):
    return STOCK.from_string(source), OURS.from_string(source)


def drawn(template, context=None, autoescape=True):
    return template.render(Context(context or {}, autoescape=autoescape))


ADDRESSES = [
    ("'search:search'", {}),
    ("'feeds:rss'", {}),
    ("'genmale:request' page_id", {"page_id": 17}),
    ("'genmale:request' page_id", {"page_id": 4711}),
    ("'genmale:request' page_id=page_id", {"page_id": 5}),
    ("'choose_language' code", {"code": "en"}),
    ("'choose_language' code", {"code": "sv"}),
    ("name", {"name": "imprint"}),
    ("name", {"name": "privacy"}),
]


@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(ADDRESSES),
            st.sampled_from(["/", "/tidning/", "/a&b/"]),
            st.sampled_from(["sv", "en"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    )
)
@settings(max_examples=60, deadline=None)
def test_an_address_is_djangos_for_every_prefix_language_and_argument(steps):
    compiled = {}
    try:
        for (arguments, context), prefix, language, autoescape in steps:
            if arguments not in compiled:
                compiled[arguments] = both(
                    f"{{% url {arguments} %}}|{{% url {arguments} as a %}}{{{{ a }}}}"
                )
            stock, ours = compiled[arguments]
            set_script_prefix(prefix)
            with translation.override(language):
                assert drawn(ours, context, autoescape) == drawn(stock, context, autoescape)
    finally:
        set_script_prefix("/")


def test_a_kept_address_is_escaped_only_where_the_template_escapes():
    stock, ours = both("{% url 'search:search' %}")
    set_script_prefix("/a&b/")
    try:
        assert drawn(ours) == drawn(stock) == "/a&amp;b/sok/"
        assert drawn(ours, autoescape=False) == "/a&b/sok/"
    finally:
        set_script_prefix("/")


def test_an_unknown_address_fails_as_django_fails_and_is_empty_with_as():
    stock, ours = both("{% url 'no-such-view' %}")
    assert isinstance(ours.nodelist[0], KeptURLNode)
    with pytest.raises(NoReverseMatch):
        drawn(ours)
    stock, ours = both("{% url 'no-such-view' as a %}[{{ a }}]")
    assert drawn(ours) == drawn(stock) == "[]"


class Shifting:
    """Equal to every other one, spelled as it is told: an object argument."""

    def __init__(self, spelling):
        self.spelling = spelling

    def __eq__(self, other):
        return isinstance(other, Shifting)

    def __hash__(self):
        return 1

    def __str__(self):
        return self.spelling


def test_an_object_argument_is_spelled_anew_each_time():
    _, ours = both("{% url 'choose_language' code %}")
    assert drawn(ours, {"code": Shifting("sv")}) == "/sprak/sv/"
    assert drawn(ours, {"code": Shifting("en")}) == "/sprak/en/"


def test_a_changed_setting_forgets_the_kept_addresses():
    _, ours = both("{% url 'imprint' %}")
    assert drawn(ours) == "/impressum/"
    with override_settings(ROOT_URLCONF="tests.core.kept_url_urls"):
        assert drawn(ours) == "/annat-impressum/"
    assert drawn(ours) == "/impressum/"


@override_settings(ROOT_URLCONF="tests.core.kept_url_urls")
def test_an_address_that_carries_the_language_follows_it():
    _, ours = both("{% url 'about' %}")
    for language in ["sv", "en", "sv"]:
        with translation.override(language):
            assert drawn(ours) == f"/{language}/om-oss/"


@override_settings(ROOT_URLCONF="tests.core.kept_url_urls")
def test_an_address_follows_the_current_namespace():
    stock, ours = both("{% url 'hylla:index' %}")
    for namespace in ["hylla-b", "hylla-a", "hylla-b"]:
        request = RequestFactory().get("/")
        request.current_app = namespace
        drawn_here = [template.render(RequestContext(request)) for template in (ours, stock)]
        assert drawn_here == [f"/{namespace[-1]}/"] * 2


# The project's template settings without the option that brings this tag in.
STOCK_TEMPLATES = [
    {**backend, "OPTIONS": {**backend["OPTIONS"], "builtins": []}}
    for backend in project_settings.TEMPLATES
]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_whole_article_page_is_the_page_djangos_tag_draws(client, article, language):
    client.get(f"/sprak/{language}/?next=/")
    ours = client.get(article.url)
    with override_settings(TEMPLATES=STOCK_TEMPLATES):
        stock = client.get(article.url)
    assert ours.status_code == stock.status_code == 200
    assert ours.content.decode() == stock.content.decode()
    assert ours["Content-Language"] == language
