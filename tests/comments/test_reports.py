from django.test import Client
from django.utils import timezone

from utgivare.comments import moderating
from utgivare.comments.models import CommentReport, ModerationEvent

from .factories import CommentFactory, comment_settings, make_user


def report(client, comment, reason="abuse", details=""):
    return client.post(
        f"/kommentarer/k/{comment.pk}/anmal/", {"reason": reason, "details": details}
    )


def test_reader_can_report_a_comment_with_a_reason(client, article):
    comment = CommentFactory(page=article)
    form = client.get(f"/kommentarer/k/{comment.pk}/anmal/").content.decode()
    assert "Personangrepp eller hot" in form
    response = report(client, comment, details="Hänger ut en granne med namn.")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tack! En moderator tittar på kommentaren." in page
    assert f'href="{article.url}#kommentar-{comment.pk}"' in page
    stored = CommentReport.objects.get()
    assert stored.reason == "abuse" and stored.details == "Hänger ut en granne med namn."
    comment.refresh_from_db()
    assert comment.open_reports == 1 and not comment.hidden_for_review


def test_same_browser_reports_a_comment_only_once(client, article):
    comment = CommentFactory(page=article)
    report(client, comment)
    second = report(client, comment)
    assert "Du har redan anmält den här kommentaren." in second.content.decode()
    assert CommentReport.objects.count() == 1


def test_comment_reported_by_enough_readers_is_hidden_until_reviewed(client, article, site):
    comment_settings(site, report_threshold=2)
    comment = CommentFactory(page=article, text="Omstridd kommentar.")
    other = CommentFactory(page=article)
    report(Client(REMOTE_ADDR="203.0.113.1"), comment)
    assert "Omstridd kommentar." in client.get(article.url).content.decode()
    report(Client(REMOTE_ADDR="203.0.113.2"), comment)
    html = client.get(article.url).content.decode()
    assert "Omstridd kommentar." not in html
    assert "1 kommentar<" in html
    assert ModerationEvent.objects.filter(comment=comment, action="hidden").exists()
    assert f"kommentar-{other.pk}" in html


def test_reviewed_comment_comes_back_and_reports_are_resolved(client, article, site):
    comment_settings(site, report_threshold=1)
    comment = CommentFactory(page=article, text="Granskad och godkänd.")
    report(Client(), comment)
    assert "Granskad och godkänd." not in client.get(article.url).content.decode()
    moderator = make_user(is_superuser=True)
    moderating.moderate([comment.pk], "approve", actor=moderator, now=timezone.now())
    assert "Granskad och godkänd." in client.get(article.url).content.decode()
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()


def test_one_reader_counts_once_even_from_a_new_browser(client, article, site):
    comment_settings(site, report_threshold=2)
    comment = CommentFactory(page=article, text="Kommentaren någon ogillar.")
    # Same IP address (the test client's), new session each time.
    for _ in range(3):
        report(Client(), comment)
    comment.refresh_from_db()
    assert comment.open_reports == 1 and not comment.hidden_for_review
    assert "Kommentaren någon ogillar." in client.get(article.url).content.decode()
