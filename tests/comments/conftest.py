import time

import pytest
from django.urls import reverse

from utgivare.comments.forms import form_token


def form_data(**overrides):
    """A comment form as a person fills it in (the form was shown a minute ago)."""
    data = {
        "name": "Granne i Norrvik",
        "email": "granne@example.org",
        "website": "",
        "text": "Varför fick inte revisorerna se avtalet innan beslutet?",
        "in_reply_to": "",
        "started": form_token(time.time() - 60),
        "homepage": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def post_comment(client):
    def post(page, as_json=False, client=client, **overrides):
        headers = {"Accept": "application/json"} if as_json else {}
        return client.post(
            reverse("comments:post", args=[page.pk]), form_data(**overrides), headers=headers
        )

    return post


@pytest.fixture
def site(tree):
    return tree["site"]
