"""A source's visit to /tipsa/ leaves no address, browser or cookie anywhere we control."""

import logging

from django.apps import apps
from django.test import Client

from tests.tips.conftest import photo_upload, phrase_from, submit_tip

SOURCE_ADDRESS = "203.0.113.77"
FORWARDED_ADDRESS = "198.51.100.23"
SOURCE_BROWSER = "KallansWebblasare/7.3 (X11; Linux)"


def _every_stored_value() -> str:
    """Everything in every table the app knows, as one text to search."""
    values = []
    for model in apps.get_models():
        for row in model._base_manager.values_list():
            values.extend(
                bytes(value).hex() + bytes(value).decode("latin-1")
                if isinstance(value, bytes | memoryview)
                else str(value)
                for value in row
            )
    return "\n".join(values)


def test_submitting_a_tip_stores_and_logs_no_address_or_browser(inbox, caplog, admin_user):
    client = Client(
        REMOTE_ADDR=SOURCE_ADDRESS,
        HTTP_USER_AGENT=SOURCE_BROWSER,
        HTTP_X_FORWARDED_FOR=FORWARDED_ADDRESS,
        HTTP_REFERER="https://arbetsgivaren.example/intranat",
    )
    # Even a browser that is logged in elsewhere on the site is a stranger here.
    client.force_login(admin_user)
    caplog.set_level(logging.DEBUG)

    form_page = client.get("/tipsa/")
    sent = submit_tip(client, "Kommunen betalar fakturor två gånger.", [photo_upload()])
    back = client.post("/tipsa/las/", {"phrase": phrase_from(sent)})
    missing = client.get("/tipsa/finns-inte/")

    assert sent.status_code == 200 and back.status_code == 200 and missing.status_code == 404
    for response in (form_page, sent, back, missing):
        assert not response.cookies, response.cookies
        assert response["Cache-Control"] == "no-store"
        assert "csrftoken" not in response.content.decode()
    stored = _every_stored_value()
    # Django's error e-mails (AdminEmailHandler) print the request's META with the record.
    logged = caplog.text + "\n".join(
        repr(record.__dict__) + repr(getattr(getattr(record, "request", None), "META", ""))
        for record in caplog.records
    )
    for trace in (SOURCE_ADDRESS, FORWARDED_ADDRESS, SOURCE_BROWSER, "arbetsgivaren"):
        assert trace not in stored
        assert trace not in logged


def test_tip_pages_load_nothing_from_other_sites(inbox, client):
    page = client.get("/tipsa/")
    policy = page["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'none'" in policy
    assert page["Referrer-Policy"] == "no-referrer"
    html = page.content.decode()
    assert "Tor Browser" in html and "jobbets" in html
    assert 'src="http' not in html and 'href="http' not in html.split("<main", 1)[1]
