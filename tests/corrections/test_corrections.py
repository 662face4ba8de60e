"""An editor corrects a published piece: readers see it on the piece, in its JSON-LD,
on /rattelser/ and in the feeds, and a changed correction keeps its earlier wording."""

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from utgivare.corrections import records
from utgivare.corrections.models import Correction

WRONG = "Avtalet skrevs under av kommunstyrelsens ordförande."
RIGHT = "Avtalet skrevs under av kommundirektören."


@pytest.fixture
def corrected(article):
    article.access_level = "free"
    article.save_revision().publish()
    records.add(
        article,
        corrected_on=dt.date(2026, 11, 20),
        wrong=WRONG,
        right=RIGHT,
        note="Påpekat av en läsare.",
        user=None,
        now=timezone.now(),
    )
    article.refresh_from_db()
    return article


def _json_ld(html):
    script = BeautifulSoup(html, "html.parser").select_one('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_a_corrected_piece_says_so_at_the_top_and_in_full_at_the_end(corrected, client):
    before = corrected.first_published_at
    html = client.get(corrected.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    notice = soup.select_one("[data-correction-notice]")
    assert "Rättad 20 november 2026" in notice.text
    assert notice.select_one("a")["href"] == "#rattelser"
    section = soup.select_one("#rattelser")
    assert (
        WRONG in section.text and RIGHT in section.text and "Påpekat av en läsare." in section.text
    )
    # The notice comes before the body, the full text after it.
    assert (
        html.index("data-correction-notice")
        < html.index('class="body')
        < html.index('id="rattelser"')
    )
    assert corrected.last_published_at > before
    data = _json_ld(html)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2026-11-20",
            "text": f"Fel: {WRONG} Rätt: {RIGHT}",
        }
    ]
    assert data["dateModified"] == corrected.last_published_at.isoformat()


def test_rattelser_page_and_feeds_list_corrections_newest_first(corrected, tree, client):
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=tree["home"]), slug="karin", writer=corrected.author
    )
    post = BlogPostPageFactory(parent=blog, title="Om hamnen")
    records.add(
        post,
        corrected_on=dt.date(2026, 11, 25),
        wrong="Fel årtal.",
        right="Rätt årtal: 2019.",
        note="",
        user=None,
        now=timezone.now(),
    )
    page = BeautifulSoup(client.get("/rattelser/").content, "html.parser")
    titles = [h.text.strip() for h in page.select("[data-correction] h2")]
    assert titles == ["Om hamnen", corrected.title]

    feed = ET.fromstring(  # noqa: S314 - our own feed
        client.get("/rattelser/flode/").content
    )
    items = feed.findall("./channel/item")
    assert items[0].findtext("title") == "Rättelse 25 november 2026: Om hamnen"
    assert RIGHT in items[1].findtext("description")

    site_feed = ET.fromstring(  # noqa: S314 - our own feed
        client.get("/flode/").content
    )
    item = next(i for i in site_feed.iter("item") if i.findtext("title") == corrected.title)
    assert item.findtext("category") == "Rättad"
    assert "Rättad 20 november 2026." in item.findtext("description")


def test_a_changed_correction_shows_its_earlier_wording(corrected, client, admin_user):
    correction = Correction.objects.get()
    changed = records.change(
        correction,
        reason="Fel titel i rättelsen.",
        user=admin_user,
        now=timezone.now(),
        corrected_on=correction.corrected_on,
        wrong=WRONG,
        right="Avtalet skrevs under av ekonomidirektören.",
        note="",
    )
    assert changed
    for url in ("/rattelser/", corrected.url):
        html = client.get(url).content.decode()
        assert "ekonomidirektören" in html
        assert "Fel titel i rättelsen." in html and RIGHT in html  # the earlier wording stays


def test_editors_add_and_change_corrections_in_the_admin_but_cannot_delete(article, admin_client):
    # The page's own admin menu offers "Rättelse".
    edit_page = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f'href="/admin/rattelser/ny/{article.pk}/"' in edit_page
    added = admin_client.post(
        f"/admin/rattelser/ny/{article.pk}/",
        {"corrected_on": "2026-11-21", "wrong": WRONG, "right": RIGHT, "note": ""},
    )
    assert added.status_code == 302
    correction = Correction.objects.get()
    no_reason = admin_client.post(
        f"/admin/rattelser/{correction.pk}/",
        {"corrected_on": "2026-11-21", "wrong": WRONG, "right": "Något annat.", "note": ""},
    )
    assert no_reason.status_code == 200
    correction.refresh_from_db()
    assert correction.right == RIGHT and not correction.changes.exists()
    admin_client.post(
        f"/admin/rattelser/{correction.pk}/",
        {
            "corrected_on": "2026-11-21",
            "wrong": WRONG,
            "right": "Något annat.",
            "note": "",
            "reason": "Förtydligande.",
        },
    )
    assert correction.changes.get().before["right"] == RIGHT
    assert admin_client.post(f"/admin/rattelser/{correction.pk}/radera/").status_code == 404

    article.delete()
    page = client_page = admin_client.get("/rattelser/").content.decode()
    assert "En text som inte längre är publicerad" in page and "Något annat." in client_page


def test_a_change_made_after_midnight_in_stockholm_is_dated_by_stockholm(corrected, client):
    # 23:30 UTC on 20 November is 00:30 on the 21st in Stockholm, the publication's day.
    correction = Correction.objects.get()
    records.change(
        correction,
        reason="Stavfel.",
        user=None,
        now=dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC),
        corrected_on=correction.corrected_on,
        wrong=WRONG,
        right="Avtalet skrevs under av kommundirektören själv.",
        note="",
    )
    html = client.get(corrected.url).content.decode()
    assert "Ändrad 21 november 2026" in html
