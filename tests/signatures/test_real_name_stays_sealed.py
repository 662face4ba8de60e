"""A signature author: the public sees only the signature, and the real name is
sealed to the tip inbox key, read only by the ansvarig utgivare, every read logged."""

import contextlib
import html
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page

from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory
from utgivare.api import tokens
from utgivare.signatures import identity
from utgivare.signatures.models import IdentityAccess, SealedIdentity
from utgivare.tips import inbox as tip_inbox

PASSPHRASE = "utgivarens lösenfras som bara hon kan"
SIGNATURE = "Nattpatrullen"
REAL_NAME = "Maj-Britt Oskarsson"
# Parts of the name an editor could slip into a slug or an address.
REAL_NAME_FORMS = (REAL_NAME, "Oskarsson", "oskarsson", "maj-britt")


@pytest.fixture
def signature(tree):
    inbox = tip_inbox.create_inbox(PASSPHRASE, retention_days=90)
    # The slug an editor might have typed: the page takes the signature's instead.
    author = AuthorPageFactory(
        parent=tree["authors"], title=SIGNATURE, slug="maj-britt-oskarsson", is_signature=True
    )
    identity.seal_identity(author, REAL_NAME, bytes(inbox.public_key), timezone.localdate())
    article = ArticlePageFactory(
        parent=tree["sections"][0],
        title="Tretton dörrar på en natt",
        author=author,
        access_level="free",
    )
    return {"author": author, "article": article, "inbox": inbox, "tree": tree}


def get(client, url, params=None, **headers):
    response = client.get(url, params or {}, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


def readable(body: str) -> str:
    """The text as a reader or a script would see it: JSON unescaped, entities decoded."""
    with contextlib.suppress(ValueError):
        body = json.dumps(json.loads(body), ensure_ascii=False)
    return html.unescape(html.unescape(body))


def every_public_response(client, signature):
    key = tokens.create(get_user_model().objects.create_user("lasare"), timezone.now())[1]
    author, article = signature["author"], signature["article"]
    found = [
        (f"page {page.url}", get(client, page.url))
        for page in Page.objects.live().descendant_of(signature["tree"]["home"], inclusive=True)
    ]
    section = signature["tree"]["sections"][0]
    feeds = ["/flode/", "/flode/atom/", f"/flode/sektion/{section.slug}/"]
    feeds += [f"/flode/skribent/{author.slug}/", f"/flode/skribent/{author.slug}/atom/"]
    found += [(url, get(client, url)) for url in [*feeds, "/sitemap.xml"]]
    for query in (SIGNATURE, article.title):
        found.append((f"search {query}", get(client, "/sok/", {"q": query})))
    for headers in ({}, {"HTTP_AUTHORIZATION": f"Bearer {key}"}):
        for url in (
            "/api/authors/",
            f"/api/authors/{author.pk}/",
            "/api/articles/",
            f"/api/articles/{article.pk}/",
        ):
            found.append((f"{url} {bool(headers)}", get(client, url, {}, **headers)))
    return found


def article_title_in(body, signature):
    return signature["article"].title in readable(body)


def test_real_name_reaches_no_public_response_and_the_signature_is_everywhere(signature):
    client = Client()
    responses = every_public_response(client, signature)

    for where, body in responses:
        text = readable(body)
        assert not [form for form in REAL_NAME_FORMS if form in text], where
    by_where = dict(responses)
    article_page = by_where[f"page {signature['article'].url}"]
    assert f">{SIGNATURE}</a>" in article_page  # the byline
    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', article_page, re.S)[1]
    )
    assert ld["author"]["name"] == SIGNATURE
    assert SIGNATURE in by_where["/flode/"] and SIGNATURE in by_where["/flode/atom/"]
    assert article_title_in(by_where["/flode/skribent/nattpatrullen/"], signature)
    assert SIGNATURE in readable(by_where["/api/authors/ False"])
    assert signature["article"].title in readable(by_where[f"search {SIGNATURE}"])
    # Searching for the real name finds nothing (the page echoes the query, nothing more).
    for query in ("Oskarsson", "Maj-Britt"):
        assert signature["article"].title not in get(client, "/sok/", {"q": query})


def test_the_address_comes_from_the_signature_not_from_what_was_typed(signature):
    author = signature["author"]

    assert author.slug == "nattpatrullen"
    assert author.url.endswith("/skribenter/nattpatrullen/")
    author.title = "Nattpatrullen i Kvarnbacken"
    author.slug = "oskarsson"
    author.full_clean()
    assert author.slug == "nattpatrullen-i-kvarnbacken"


def test_a_signature_gets_neither_portrait_nor_login_account(signature):
    author = signature["author"]
    author.photo = ImageFactory()
    author.user = get_user_model().objects.create_user("mbo", "mbo@example.org")

    with pytest.raises(ValidationError) as refused:
        author.full_clean()

    assert set(refused.value.message_dict) == {"photo", "user"}


def test_dumpdata_of_authors_revisions_and_sealed_names_shows_only_ciphertext(signature):
    out = io.StringIO()
    call_command(
        "dumpdata",
        "publication.authorpage",
        "signatures",
        "wagtailcore.revision",
        "wagtailcore.page",
        stdout=out,
    )
    dump = out.getvalue()

    assert SIGNATURE in dump
    assert not [form for form in REAL_NAME_FORMS if form in dump]
    sealed = SealedIdentity.objects.get(author=signature["author"])
    assert REAL_NAME.encode() not in bytes(sealed.sealed)


def test_editor_seals_a_name_but_cannot_read_it(signature):
    author = signature["author"]
    editors = Group.objects.create(name="Redaktion")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=editors,
        page=signature["tree"]["authors"],
        permission=Permission.objects.get(codename="change_page"),
    )
    editor = get_user_model().objects.create_user("redaktor", "r@example.org", "pw")
    editor.groups.add(editors)
    client = Client()
    client.force_login(editor)

    response = client.post(f"/admin/signaturer/{author.pk}/", {"real_name": "Britt Oskarsson"})
    page = client.get(f"/admin/signaturer/{author.pk}/").content.decode()
    refused = client.post(f"/admin/signaturer/{author.pk}/las/")

    assert response.status_code == 302
    assert "Oskarsson" not in page and "förseglades" in page
    assert refused.status_code != 200  # Wagtail answers PermissionDenied with a redirect
    assert IdentityAccess.objects.filter(user=editor, action="sealed").count() == 1
    assert not IdentityAccess.objects.filter(action="read").exists()


def test_responsible_publisher_reads_the_name_after_unlocking_and_the_read_is_logged(signature):
    author = signature["author"]
    publisher = get_user_model().objects.create_superuser("utgivare", "u@example.org", "pw")
    client = Client()
    client.force_login(publisher)

    locked = client.post(f"/admin/signaturer/{author.pk}/las/")
    client.post("/admin/tips/las-upp/", {"passphrase": PASSPHRASE})
    read = client.post(f"/admin/signaturer/{author.pk}/las/")

    assert locked.status_code == 302 and REAL_NAME not in locked.content.decode()
    assert read.status_code == 200 and "no-store" in read["Cache-Control"]
    assert f"data-real-name>{REAL_NAME}<" in read.content.decode()
    line = IdentityAccess.objects.get(action="read")
    assert (line.user, line.signature) == (publisher, SIGNATURE)
    log = client.get("/admin/signaturer/").content.decode()
    assert "läste det verkliga namnet" in log and REAL_NAME not in log
    # The way there from the author's page and the authors' listing in the admin.
    edit = client.get(f"/admin/pages/{author.pk}/edit/").content.decode()
    listing = client.get(f"/admin/pages/{signature['tree']['authors'].pk}/").content.decode()
    assert f"/admin/signaturer/{author.pk}/" in edit and REAL_NAME not in edit
    assert f"/admin/signaturer/{author.pk}/" in listing and REAL_NAME not in listing


def test_a_named_author_who_becomes_a_signature_leaves_no_trace_of_the_name(tree):
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import PageLogEntry, Revision

    from utgivare.publication.models import AuthorPage

    named = AuthorPageFactory(parent=tree["authors"], title=REAL_NAME, slug="maj-britt-oskarsson")
    named.save_revision().publish()
    author = AuthorPage.objects.get(pk=named.pk)
    author.title, author.is_signature = SIGNATURE, True
    author.save_revision(log_action=True).publish(log_action=True)

    assert Client().get("/skribenter/maj-britt-oskarsson/").status_code == 404
    assert not Redirect.objects.filter(redirect_page_id=author.pk).exists()
    kept = [json.dumps(r.content, ensure_ascii=False) for r in Revision.objects.all()]
    assert kept and not [text for text in kept if "Oskarsson" in text]
    labels = [json.dumps([e.label, e.data], ensure_ascii=False) for e in PageLogEntry.objects.all()]
    assert labels and not [text for text in labels if "Oskarsson" in text]
