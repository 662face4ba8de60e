import time

from utgivare.comments.forms import form_token
from utgivare.comments.models import Ban, Comment
from utgivare.comments.moderation import ModerationMode

from .factories import CommentFactory, comment_settings


def test_honeypot_filled_in_is_not_stored(client, article, post_comment):
    response = post_comment(article, homepage="http://cheap-pills.example")
    assert response.status_code == 400
    assert Comment.objects.count() == 0


def test_form_sent_faster_than_a_person_can_type_is_refused_with_text_kept(
    client, article, post_comment
):
    response = post_comment(article, started=form_token(time.time()), text="Snabbt skrivet.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vänta några sekunder" in html
    assert "Snabbt skrivet." in html
    assert Comment.objects.count() == 0


def test_forged_timestamp_is_refused(client, article, post_comment):
    assert post_comment(article, started="123456").status_code == 400
    assert Comment.objects.count() == 0


def test_too_many_comments_from_one_address_are_refused(client, article, site, post_comment):
    comment_settings(site, max_per_email=2, max_per_ip=0)
    for n in range(2):
        assert post_comment(article, text=f"Kommentar {n} av samma.").status_code == 302
    response = post_comment(article, text="Den tredje.")
    assert response.status_code == 429
    assert "Den tredje." in response.content.decode()
    assert Comment.objects.count() == 2


def test_too_many_comments_from_one_ip_hash_are_refused(client, article, site, post_comment):
    comment_settings(site, max_per_ip=2, max_per_email=0)
    for n in range(2):
        post_comment(article, email=f"person{n}@example.org", text=f"Kommentar {n}.")
    response = post_comment(article, email="annan@example.org")
    assert response.status_code == 429


def test_banned_email_cannot_comment(client, article, post_comment):
    Ban.objects.create(kind=Ban.Kind.EMAIL, value="granne@example.org")
    response = post_comment(article, email="Granne@Example.org")
    assert response.status_code == 403
    assert "Du kan inte kommentera här" in response.content.decode()
    assert Comment.objects.count() == 0


def test_banned_ip_hash_cannot_comment_even_under_another_name(client, article, post_comment):
    post_comment(article)
    ip_hash = Comment.objects.get().ip_hash
    assert ip_hash
    Ban.objects.create(kind=Ban.Kind.IP_HASH, value=ip_hash)
    assert post_comment(article, name="Ny", email="ny@example.org").status_code == 403


def test_banned_word_holds_a_known_commenters_comment(client, article, site, post_comment):
    comment_settings(site, moderation_mode=ModerationMode.POST, banned_words="korrupt*")
    post_comment(article, text="Hela nämnden är korrupta!")
    comment = Comment.objects.get()
    assert comment.status == "pending" and comment.held_reasons == ["banned_word"]


def test_many_links_hold_the_comment(client, article, site, post_comment):
    comment_settings(site, moderation_mode=ModerationMode.POST, max_links=1)
    CommentFactory(page=article, author_name="Granne i Norrvik", author_email="granne@example.org")
    post_comment(article, text="https://a.example https://b.example")
    assert Comment.objects.latest("pk").held_reasons == ["too_many_links"]
