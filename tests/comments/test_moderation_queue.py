"""The moderation queue in the Wagtail admin."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission

from utgivare.comments.models import Ban, Comment, ModerationEvent

from .factories import CommentFactory, make_user

QUEUE = "/admin/kommentarer/"


@pytest.fixture
def moderator(db):
    """A member of the "Moderatorer" group that the migrations create."""
    group = Group.objects.get(name="Moderatorer")
    user = make_user(first_name="Mona", last_name="Moderator", email="mona@example.org")
    user.groups.add(group)
    return user


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


def test_queue_lists_pending_comments_with_counts_per_tab(admin_client, article):
    CommentFactory(page=article, status="pending", text="Väntar på en moderator.")
    CommentFactory(page=article, status="spam")
    CommentFactory(page=article, open_reports=1, text="Anmäld av en läsare.")
    soup = BeautifulSoup(admin_client.get(QUEUE).content, "html.parser")
    assert "Väntar på en moderator." in soup.get_text()
    counts = {a["data-tab"]: a.select_one(".cm-count").get_text() for a in soup.select(".cm-tab")}
    assert counts == {
        "pending": "1",
        "reported": "1",
        "spam": "1",
        "rejected": "0",
        "approved": "1",
    }
    reported = admin_client.get(QUEUE + "?flik=reported").content.decode()
    assert "Anmäld av en läsare." in reported


def test_admin_menu_shows_how_many_comments_wait(admin_client, article):
    CommentFactory(page=article, status="pending")
    CommentFactory(page=article, status="pending")
    html = admin_client.get("/admin/").content.decode()
    assert "Kommentarer (2)" in html


def test_approving_publishes_the_comment_and_updates_the_count(admin_client, client, article):
    comment = CommentFactory(page=article, status="pending", text="Nu godkänd.")
    response = admin_client.post(f"{QUEUE}{comment.pk}/atgard/", {"action": "approve"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved" and comment.moderated_by.first_name == "Mona"
    html = admin_client.get(article.url).content.decode()
    assert "Nu godkänd." in html and "1 kommentar<" in html


def test_rejecting_records_the_reason(admin_client, article):
    comment = CommentFactory(page=article, status="pending")
    admin_client.post(
        f"{QUEUE}{comment.pk}/atgard/",
        {"action": "reject", f"reason-{comment.pk}": "Ogrundade anklagelser"},
    )
    comment.refresh_from_db()
    assert comment.status == "rejected"
    assert comment.rejection_reason == "Ogrundade anklagelser"
    event = ModerationEvent.objects.get(comment=comment, action="rejected")
    assert event.reason == "Ogrundade anklagelser"
    assert event.changes == {"status": ["pending", "rejected"]}
    assert event.actor_label == "Mona Moderator"


def test_bulk_action_moderates_all_selected(admin_client, article):
    spam = [CommentFactory(page=article, status="pending") for _ in range(3)]
    keep = CommentFactory(page=article, status="pending")
    response = admin_client.post(
        f"{QUEUE}massatgard/",
        {"bulk_action": "spam", "selected": [str(c.pk) for c in spam], "next": QUEUE},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(status="spam").count() == 3
    keep.refresh_from_db()
    assert keep.status == "pending"


def test_approving_a_published_comment_does_not_change_it(admin_client, article):
    comment = CommentFactory(page=article)
    admin_client.post(f"{QUEUE}{comment.pk}/atgard/", {"action": "approve"})
    assert not ModerationEvent.objects.filter(comment=comment).exists()


def test_edit_is_published_and_kept_in_the_audit_trail(admin_client, client, article):
    comment = CommentFactory(page=article, text="Han är en bedragare.", author_name="Anna")
    response = admin_client.post(
        f"{QUEUE}{comment.pk}/",
        {
            "author_name": "Anna",
            "author_website": "",
            "text": "[Redigerat: ogrundat påstående borttaget.]",
            "reason": "Ogrundad anklagelse mot namngiven person",
        },
    )
    assert response.status_code == 302
    html = client.get(article.url).content.decode()
    assert "Han är en bedragare." not in html
    assert "[Redigerat: ogrundat påstående borttaget.]" in html
    assert "(redigerad)" in html
    event = ModerationEvent.objects.get(comment=comment, action="edited")
    assert event.changes["text"] == [
        "Han är en bedragare.",
        "[Redigerat: ogrundat påstående borttaget.]",
    ]
    assert event.actor_label == "Mona Moderator"
    detail = admin_client.get(f"{QUEUE}{comment.pk}/").content.decode()
    assert "Han är en bedragare." in detail  # the "before" in the history


def test_ban_by_email_from_a_comment(admin_client, article):
    comment = CommentFactory(page=article, author_email="troll@example.org", status="pending")
    admin_client.post(
        f"{QUEUE}{comment.pk}/sparra/",
        {"kind": "email", "reason": "Upprepade personangrepp", "also_spam": "1"},
    )
    ban = Ban.objects.get()
    assert (ban.kind, ban.value) == ("email", "troll@example.org")
    comment.refresh_from_db()
    assert comment.status == "spam"
    assert ModerationEvent.objects.filter(comment=comment, action="banned").exists()


def test_ban_by_ip_hash(admin_client, article):
    comment = CommentFactory(page=article, ip_hash="a1b2c3d4e5f6a7b8c9d0")
    admin_client.post(f"{QUEUE}{comment.pk}/sparra/", {"kind": "ip_hash"})
    assert Ban.objects.get().value == "a1b2c3d4e5f6a7b8c9d0"


def test_each_row_has_keyboard_reachable_buttons(admin_client, article):
    comment = CommentFactory(page=article, status="pending")
    soup = BeautifulSoup(admin_client.get(QUEUE).content, "html.parser")
    row = soup.select_one(f"[data-cm-row='{comment.pk}']")
    buttons = {b["value"] for b in row.select("button[name=action]")}
    assert buttons == {"approve", "reject", "spam"}
    assert row.select_one("input[type=checkbox]")["aria-label"]


def test_readers_and_editors_without_permission_cannot_moderate(client, article):
    editor = make_user()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    comment = CommentFactory(page=article, status="pending")
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert client.get(QUEUE).status_code in (302, 403)
    client.post(f"{QUEUE}{comment.pk}/atgard/", {"action": "approve"})
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert "/admin/kommentarer/" not in client.get("/admin/").content.decode()


def test_a_piece_can_be_closed_from_the_admin(admin_client, article):
    from django.test import Client

    admin_client.post("/admin/kommentarer/tradar/", {"page": article.pk, "closing": "closed"})
    assert "Kommentarerna är stängda" in Client().get(article.url).content.decode()
    # The moderator may still write, and is told the thread is closed to readers.
    assert "stängda för läsare" in admin_client.get(article.url).content.decode()


def test_threads_and_bans_pages_list_what_they_manage(admin_client, article):
    CommentFactory(page=article)
    Ban.objects.create(kind="email", value="troll@example.org", reason="Hot")
    threads = admin_client.get("/admin/kommentarer/tradar/").content.decode()
    assert article.title in threads
    bans = admin_client.get("/admin/kommentarer/sparrar/").content.decode()
    assert "troll@example.org" in bans
    admin_client.post("/admin/kommentarer/sparrar/", {"remove": Ban.objects.get().pk})
    assert not Ban.objects.exists()


def test_moderation_history_lists_every_change(admin_client, article):
    comment = CommentFactory(page=article, status="pending", author_name="Anna")
    admin_client.post(f"{QUEUE}{comment.pk}/atgard/", {"action": "approve"})
    history = admin_client.get("/admin/kommentarer/historik/").content.decode()
    assert "Godkänd" in history and "Mona Moderator" in history


def test_keeping_a_reported_comment_resolves_its_reports(admin_client, article):
    from utgivare.comments.models import CommentReport

    comment = CommentFactory(page=article, open_reports=1)
    CommentReport.objects.create(comment=comment, reason="abuse")
    admin_client.post(f"{QUEUE}{comment.pk}/atgard/", {"action": "approve"})
    comment.refresh_from_db()
    assert comment.open_reports == 0
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    assert (
        f'data-cm-row="{comment.pk}"'
        not in admin_client.get(QUEUE + "?flik=reported").content.decode()
    )


def test_rejecting_a_reported_comment_resolves_its_reports(admin_client, article):
    from utgivare.comments.models import CommentReport

    comment = CommentFactory(page=article, open_reports=1, hidden_for_review=True)
    CommentReport.objects.create(comment=comment, reason="privacy")
    admin_client.post(f"{QUEUE}{comment.pk}/atgard/", {"action": "reject"})
    comment.refresh_from_db()
    assert comment.status == "rejected" and comment.open_reports == 0
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()


def test_page_editor_links_to_the_pieces_comment_settings(client, article):
    client.force_login(make_user(is_superuser=True))
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/kommentarer/tradar/?sida={article.pk}" in html
    single = client.get(f"/admin/kommentarer/tradar/?sida={article.pk}").content.decode()
    assert article.title in single and 'name="closing"' in single
