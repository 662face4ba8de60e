"""A person criticised in a piece asks for a genmäle; editors answer, accept and publish it,
linked both ways; a declined request keeps its reason; every step is logged."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from utgivare.corrections.models import ReplyRequest, ReplySettings

TEXT = "Jag har aldrig skrivit under avtalet.\n\nProtokollet visar att jag var ledig den dagen."


@pytest.fixture
def original(article):
    article.access_level = "free"
    article.save_revision().publish()
    return article


def test_genmale_from_request_to_published_reply_linked_both_ways(original, client, admin_client):
    page = client.get(original.url).content.decode()
    ask = BeautifulSoup(page, "html.parser").find("a", string="Begär genmäle")["href"]
    sent = client.post(ask, {"name": "Per Persson", "contact": "per@example.org", "text": TEXT})
    assert "data-genmale-sent" in sent.content.decode()
    item = ReplyRequest.objects.get()
    assert item.status == "new" and item.page_id == original.pk

    listing = admin_client.get("/admin/rattelser/genmale/").content.decode()
    assert "Per Persson" in listing and "0 dagar" in listing
    admin_url = f"/admin/rattelser/genmale/{item.pk}/"
    admin_client.post(admin_url, {"action": "email", "subject": "Ditt genmäle", "body": "Tack!"})
    assert mail.outbox[-1].to == ["per@example.org"]
    admin_client.post(admin_url, {"action": "accepted"})
    admin_client.post(admin_url, {"action": "publish"})

    item.refresh_from_db()
    assert item.status == "published"
    reply = item.reply_page.specific
    reply_html = client.get(reply.url).content.decode()
    assert "Protokollet visar att jag var ledig den dagen." in reply_html
    answers = BeautifulSoup(reply_html, "html.parser").select_one("[data-genmale-answers] a")
    assert answers.text == original.title and answers["href"] == original.url
    under = BeautifulSoup(client.get(original.url).content, "html.parser")
    link = under.select_one("[data-genmale-reply] a")
    assert link.text == "Genmäle från Per Persson" and link["href"] == reply.url
    assert [e.action for e in item.events.all()] == [
        "received",
        "email",
        "status:dialogue",
        "status:accepted",
        "published",
    ]


def test_a_declined_request_keeps_its_reason_and_the_length_limit_holds(
    original, client, admin_client, tree
):
    settings = ReplySettings.for_site(tree["site"])
    settings.max_length = 40
    settings.save()
    too_long = client.post(
        f"/genmale/{original.pk}/", {"name": "Per", "contact": "per@example.org", "text": TEXT}
    )
    assert too_long.status_code == 400 and not ReplyRequest.objects.exists()
    client.post(
        f"/genmale/{original.pk}/", {"name": "Per", "contact": "per@example.org", "text": "Kort."}
    )
    item = ReplyRequest.objects.get()
    admin_url = f"/admin/rattelser/genmale/{item.pk}/"
    admin_client.post(admin_url, {"action": "declined", "decline_reason": ""})
    item.refresh_from_db()
    assert item.status == "new"
    admin_client.post(admin_url, {"action": "declined", "decline_reason": "Rör inte texten."})
    item.refresh_from_db()
    assert item.status == "declined" and item.decline_reason == "Rör inte texten."
    assert "Rör inte texten." in admin_client.get(admin_url).content.decode()
