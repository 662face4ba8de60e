"""What is stored of a commenter's IP address is what the notice under the form says."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from utgivare.comments.models import Comment
from utgivare.comments.privacy import IpPolicy, ip_hash, network_of

from .factories import CommentFactory, comment_settings


def notice_on(client, article):
    html = client.get(article.url).content.decode()
    start = html.index("data-privacy-notice")
    return html[start : html.index("</div>", start)]


def test_default_policy_stores_a_hash_and_says_so(client, article, post_comment):
    post_comment(article)
    comment = Comment.objects.get()
    assert comment.ip_address is None
    assert len(comment.ip_hash) == 20
    notice = notice_on(client, article)
    assert "Din IP-adress sparas inte" in notice
    assert "kontrollsumma" in notice and "30 dagar" in notice
    assert "Din e-postadress publiceras inte" in notice


def test_do_not_store_policy_stores_nothing_and_says_so(client, article, site, post_comment):
    comment_settings(site, ip_policy=IpPolicy.NONE)
    post_comment(article)
    comment = Comment.objects.get()
    assert comment.ip_address is None and comment.ip_hash == ""
    notice = notice_on(client, article)
    assert "Din IP-adress sparas inte." in notice
    assert "kontrollsumma" not in notice


def test_store_policy_keeps_the_address_and_says_how_long(client, article, site, post_comment):
    comment_settings(site, ip_policy=IpPolicy.STORE, ip_retention_days=14)
    post_comment(article)
    assert Comment.objects.get().ip_address == "127.0.0.1"
    notice = notice_on(client, article)
    assert "Din IP-adress sparas och kan ses av redaktionen" in notice
    assert "14 dagar" in notice


def test_notice_states_the_moderation_mode_in_force(client, article, site):
    comment_settings(site, moderation_mode="pre_all")
    assert "Alla kommentarer granskas innan de publiceras." in notice_on(client, article)
    comment_settings(site, moderation_mode="post")
    assert "publiceras direkt och granskas i efterhand" in notice_on(client, article)


def test_email_is_never_shown_on_the_page(client, article):
    CommentFactory(page=article, author_email="hemlig.kalla@example.org")
    assert "hemlig.kalla" not in client.get(article.url).content.decode()


def test_ip_hash_is_keyed_and_groups_an_ipv6_network():
    key = b"k" * 32
    assert ip_hash("203.0.113.7", key) == ip_hash("203.0.113.7", key)
    assert ip_hash("203.0.113.7", key) != ip_hash("203.0.113.7", b"x" * 32)
    assert ip_hash("2001:db8::1", key) == ip_hash("2001:db8::ffff", key)
    assert network_of("not an address") == ""


@pytest.mark.parametrize("policy", [IpPolicy.HASH, IpPolicy.STORE])
def test_purge_command_forgets_ip_data_after_the_retention_time(site, article, policy):
    comment_settings(site, ip_policy=policy, ip_retention_days=30)
    old = CommentFactory(
        page=article,
        ip_address="203.0.113.9",
        ip_hash="abc",
        created_at=timezone.now() - dt.timedelta(days=31),
    )
    recent = CommentFactory(
        page=article,
        ip_address="203.0.113.10",
        ip_hash="def",
        created_at=timezone.now() - dt.timedelta(days=29),
    )
    call_command("purge_comment_ips", verbosity=0)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.ip_address is None and old.ip_hash == ""
    assert recent.ip_address == "203.0.113.10" and recent.ip_hash == "def"
    # The comment itself stays.
    assert old.text
