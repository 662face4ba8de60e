"""With the code phrase, and only with it, a source reads the editors' answer and sends more."""

from tests.tips.conftest import PASSPHRASE, phrase_from, submit_tip
from utgivare.tips import tokens
from utgivare.tips.models import Tip


def test_source_reads_the_reply_and_adds_more_with_the_phrase(inbox, client, admin_client):
    phrase = phrase_from(submit_tip(client, "Första tipset om bygglovet."))
    tip = Tip.objects.get()
    admin_client.post("/admin/tips/las-upp/", {"passphrase": PASSPHRASE})
    admin_client.post(f"/admin/tips/{tip.pk}/", {"action": "reply", "text": "Har du protokollet?"})

    # Written down with capitals and hyphens, the phrase still opens the tip.
    typed = "-".join(phrase.split()).upper()
    page = client.post("/tipsa/las/", {"phrase": typed}).content.decode()
    assert "Första tipset om bygglovet." in page and "Har du protokollet?" in page

    more = client.post(
        "/tipsa/las/",
        {"phrase": phrase, "text": "Ja, det kommer här.", "token": tokens.new_token()},
    )
    assert "Ja, det kommer här." in more.content.decode()
    tip.refresh_from_db()
    assert tip.waiting and tip.messages.count() == 3


def test_a_wrong_phrase_opens_nothing(inbox, client):
    submit_tip(client, "Något om skolan.")
    answer = client.post("/tipsa/las/", {"phrase": "tall gran ek björk lönn rönn"})
    assert answer.status_code == 400
    assert "Något om skolan." not in answer.content.decode()


def test_a_reloaded_form_does_not_file_the_tip_twice(inbox, client):
    token = tokens.new_token()
    first = client.post("/tipsa/", {"text": "Ett tips.", "token": token})
    again = client.post("/tipsa/", {"text": "Ett tips.", "token": token})
    assert "data-tip-phrase" in first.content.decode()
    assert "data-tip-phrase" not in again.content.decode()
    assert Tip.objects.count() == 1
