"""Schemathesis against /api/openapi.json: every operation, generated inputs.

For each operation a few generated requests (valid and invalid parameters,
with and without a key) go to the WSGI app; none may answer 5xx, and every
answer must match the status codes, content types and schemas the description
documents. Kept to a handful of examples per operation so it runs in seconds;
the examples differ on each run.
"""

import copy

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from utgivare.api.views import api

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_contract")]


# The description as /api/openapi.json serves it (test_the_description_names_every_operation
# checks that address). Loaded when the module is collected: it needs no database.
schema = schemathesis.openapi.from_dict(copy.deepcopy(api.get_openapi_schema()))
APP = get_wsgi_application()


@pytest.fixture
def wsgi_like_test_client(settings):
    """The WSGI app as Django's test client runs it: the test's database connection stays
    open between requests, and generated requests do not meet the rate limit (it has its
    own test)."""
    settings.API_RATE_LIMIT_ANONYMOUS = settings.API_RATE_LIMIT_KEY = "100000/m"
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_described(case, api_site, wsgi_like_test_client):
    case.call_and_validate(app=APP)


def test_the_description_names_every_operation(client, api_site):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/articles/",
        "/api/articles/{id}/",
        "/api/blog-posts/",
        "/api/blog-posts/{id}/",
        "/api/issues/",
        "/api/issues/{number}/",
        "/api/authors/",
        "/api/authors/{id}/",
        "/api/sections/",
        "/api/sections/{id}/",
        "/api/podcast-episodes/",
        "/api/podcast-episodes/{id}/",
        "/api/podcast-shows/",
        "/api/podcast-shows/{id}/",
        "/api/videos/",
        "/api/videos/{id}/",
        "/api/video-series/",
        "/api/video-series/{id}/",
    }
