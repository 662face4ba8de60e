"""The privacy page tells readers what is stored, as the settings in force say."""

from bs4 import BeautifulSoup
from wagtail.models import Site

from utgivare.comments.models import CommentSettings


def page_text(client):
    response = client.get("/integritet/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("main").get_text(" ")


def test_privacy_page_lists_the_meter_cookie_and_its_lifetime(client, tree):
    text = page_text(client)
    assert "utgivare_matare" in text
    assert "40 dagar" in text
    assert "sessionid" in text


def test_privacy_page_follows_the_comment_ip_policy(client, tree):
    site = Site.objects.get(is_default_site=True)
    comment_settings = CommentSettings.for_site(site)
    comment_settings.ip_policy = "store"
    comment_settings.ip_retention_days = 14
    comment_settings.save()
    assert "Din IP-adress sparas och kan ses av redaktionen. Den raderas efter 14 dagar." in (
        " ".join(page_text(client).split())
    )

    comment_settings.ip_policy = "none"
    comment_settings.save()
    assert "Din IP-adress sparas inte." in page_text(client)


def test_footer_links_to_the_privacy_page(client, tree):
    assert b'href="/integritet/"' in client.get("/").content
