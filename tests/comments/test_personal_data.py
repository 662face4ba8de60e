"""Commenters' data in the account's data export, and erased with the account."""

from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup

from utgivare.comments.models import Comment, ModerationEvent
from utgivare.core import personal_data

from .factories import CommentFactory, make_user


def test_export_includes_comments_by_account_and_by_its_confirmed_email(article):
    reader = make_user(email="eva@example.org")
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    CommentFactory(page=article, user=reader, text="Inloggad kommentar.")
    CommentFactory(page=article, author_email="EVA@example.org", text="Som gäst.")
    CommentFactory(page=article, text="Någon annans.")
    exported = personal_data.export_all(reader)["comments"]
    assert sorted(c["text"] for c in exported) == ["Inloggad kommentar.", "Som gäst."]
    assert {"page", "written_at", "email", "ip_hash", "status"} <= set(exported[0])


def test_erasing_the_account_removes_the_comments_but_keeps_others_replies(client, article):
    reader = make_user(email="eva@example.org")
    mine = CommentFactory(page=article, user=reader, text="Evas ord.")
    reply = CommentFactory(page=article, parent=mine, text="Ett svar till Eva.")
    ModerationEvent.objects.create(comment=mine, action="edited", changes={"text": ["a", "b"]})
    personal_data.erase_all(reader)
    assert not Comment.objects.filter(text="Evas ord.").exists()
    assert not ModerationEvent.objects.filter(changes__has_key="text").exists()
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    placeholder = soup.select_one(f"#kommentar-{mine.pk}")
    assert "Kommentaren har tagits bort." in placeholder.get_text()
    assert placeholder.select_one(f"#kommentar-{reply.pk}") is not None
    assert "1 kommentar<" in str(soup)


def test_replying_under_an_erased_comment_still_nests(client, article, site, post_comment):
    from utgivare.comments.moderation import ModerationMode

    from .factories import comment_settings

    comment_settings(site, moderation_mode=ModerationMode.POST)
    reader = make_user(email="eva@example.org")
    top = CommentFactory(page=article, user=reader)
    middle = CommentFactory(page=article, parent=top)
    third = CommentFactory(page=article, parent=middle)
    personal_data.erase_all(reader)
    assert post_comment(article, in_reply_to=str(third.pk)).status_code == 302
    new = Comment.objects.latest("pk")
    assert new.thread_path.startswith(middle.thread_path) and new.depth == 3
