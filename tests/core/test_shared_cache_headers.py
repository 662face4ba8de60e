"""Every address the site answers keeps personal responses out of shared caches.

Walks every URL pattern the resolver knows (parameterised ones filled from a
rich page tree) and every live page and page route in the tree, as an
anonymous reader, a logged-in reader, a subscriber and staff, and checks the
rule of core.caching on each response:

- a response that sets a cookie, or answers a logged-in reader, is `private`
  or `no-store`;
- a response a shared cache may keep (public, max-age or s-maxage without
  private/no-store) sets no cookie.

A new URL pattern with parameters must be given values in `url_kwargs`
(the test fails until it is), so nothing new escapes the walk.
"""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from tests.blogs.factories import BlogIndexPageFactory, BlogPageFactory, BlogPostPageFactory
from tests.comments.factories import CommentFactory
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    IssuePageFactory,
    site_tree,
)
from tests.paywall.conftest import make_user
from tests.podcasts.factories import (
    PodcastEpisodePageFactory,
    PodcastIndexPageFactory,
    PodcastShowPageFactory,
)
from tests.subscriptions.factories import PlanFactory, SubscriptionFactory
from tests.webtv.factories import VideoPageFactory, WebTvIndexPageFactory, WebTvSeriesPageFactory
from utgivare.api import tokens as tokens_api
from utgivare.comments import tokens
from utgivare.core.caching import cache_directives
from utgivare.media import signing
from utgivare.podcasts.models import PrivateFeed
from utgivare.webtv import addresses
from utgivare.webtv.models import Video

IDENTITIES = ["anonymous", "reader", "subscriber", "staff"]

# Parameterised patterns we do not fill: Wagtail's own editing interface (it
# is for staff only, and the shared-cache middleware covers it like every
# other response) and the catch-all page route (the page tree is walked below).
SKIPPED_PREFIXES = ("admin/",)
SKIPPED_NAMES = {"wagtail_serve"}


# One worker runs this module's tests one after another, so the content below is built once.
pytestmark = pytest.mark.xdist_group("shared_cache_headers")


@pytest.fixture(scope="module")
def built_site_content(django_db_setup, django_db_blocker):
    """site_content, built once for the module (six tests each built it again) and rolled
    back afterwards; each test's own changes (logins, walked forms) roll back to it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site_content(site_tree())
        transaction.set_rollback(True)


@pytest.fixture
def site_content(db, built_site_content):
    return dict(built_site_content)


def build_site_content(tree):
    """A publication with one of everything a reader can reach."""
    home = tree["home"]
    section = tree["sections"][0]
    writer_user = make_user()
    writer = AuthorPageFactory(
        parent=tree["authors"], title="Karin Lund", slug="karin-lund", user=writer_user
    )
    issue = IssuePageFactory(parent=tree["issues"], number=179)
    api_key = tokens_api.create(make_user(), timezone.now())[1]
    free = ArticlePageFactory(
        parent=section, author=writer, access_level="free", issue=issue, title="Fri artikel"
    )
    metered = ArticlePageFactory(parent=section, author=writer, title="Mätt artikel")
    paid = ArticlePageFactory(
        parent=section, author=writer, access_level="subscribers", title="Betald artikel"
    )
    blog = BlogPageFactory(
        parent=BlogIndexPageFactory(parent=home), title="Karins blogg", slug="karin", writer=writer
    )
    post = BlogPostPageFactory(parent=blog, title="Om hamnaffären")
    restricted = ArticlePageFactory(parent=section, title="Bara med lösenord", access_level="free")
    page_restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type="password", password="hemligt"
    )
    comment = CommentFactory(page=free, author_email="granne@example.org")
    CommentFactory(page=post)
    CommentFactory(page=free, parent=comment)

    image = ImageFactory()
    collection = Collection.get_first_root_node().add_child(name="Interna handlingar")
    document = Document.objects.create(
        title="Protokoll", file=ContentFile(b"Protokoll 2026", name="protokoll.txt")
    )
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="hemligt"
    )
    series = WebTvSeriesPageFactory(parent=WebTvIndexPageFactory(parent=home))
    free_video = VideoPageFactory(parent=series, access_level="free", video=cache_test_video())
    plan = PlanFactory()
    show = PodcastShowPageFactory(parent=PodcastIndexPageFactory(parent=home), slug="kvarten")
    episode = PodcastEpisodePageFactory(
        parent=show, access_level="free", transcript="Fri utskrift."
    )
    private_feed = PrivateFeed.objects.create(user=make_user())
    reset_user = make_user()
    address = EmailAddress.objects.create(user=make_user(), email="ny@example.org")
    return {
        "home": home,
        "free": free,
        "metered": metered,
        "paid": paid,
        "post": post,
        "blog": blog,
        "comment": comment,
        "image": image,
        "document": document,
        "page_restriction": page_restriction,
        "collection_restriction": collection_restriction,
        "plan": plan,
        "reset_user": reset_user,
        "email_address": address,
        "free_video": free_video,
        "show": show,
        "episode": episode,
        "private_feed": private_feed,
        "author": writer,
        "section": section,
        "issue": issue,
        "api_key": api_key,
    }


def cache_test_video():
    video = Video(title="Klipp", container="mp4", duration=1, width=160, height=90, size=16)
    video.file.save("upload.mp4", ContentFile(b"\x00" * 16), save=False)
    video.save()
    return video


def url_kwargs(content) -> dict:
    """Values for every parameterised pattern outside Wagtail's admin, by pattern name."""
    reset_user = content["reset_user"]
    return {
        "choose_language": {"language": "en"},
        "section_rss": {"slug": content["free"].get_parent().slug},
        "section_atom": {"slug": content["free"].get_parent().slug},
        "author_rss": {"slug": "karin-lund"},
        "author_atom": {"slug": "karin-lund"},
        "issue_rss": {"number": 179},
        "issue_atom": {"number": 179},
        "checkout": {"plan_id": content["plan"].pk},
        "post": {"page_id": content["free"].pk},
        # genmale:request, the "Begär genmäle" form of a piece.
        "request": {"page_id": content["free"].pk},
        "permalink": {"comment_id": content["comment"].pk},
        "report": {"comment_id": content["comment"].pk},
        "confirm": {"token": tokens.make("granne@example.org", "confirm")},
        "unsubscribe": {"token": tokens.make("granne@example.org", "stop")},
        "account_confirm_email": {"key": EmailConfirmationHMAC(content["email_address"]).key},
        "account_reset_password_from_key": {
            "uidb36": user_pk_to_url_str(reset_user),
            "key": default_token_generator.make_token(reset_user),
        },
        "wagtaildocs_serve": [content["document"].pk, content["document"].filename],
        "wagtaildocs_authenticate_with_password": {
            "restriction_id": content["collection_restriction"].pk
        },
        "wagtailcore_authenticate_with_password": {
            "page_view_restriction_id": content["page_restriction"].pk,
            "page_id": content["page_restriction"].page_id,
        },
        # A free video's file (a paid one's address is signed per reader: tests/webtv).
        "webtv_media": {
            "token": addresses.token_for(content["free_video"].pk, "p", timezone.now(), 1),
            "name": "video.mp4",
        },
        "fetch": {
            "token": signing.sign(content["episode"].audio_id, "p", None),
            "name": "avsnitt.mp3",
        },
        "transcript": {"token": signing.sign(content["episode"].audio_id, "p", None)},
        "chapters": {"episode_id": content["episode"].pk},
        "private_feed": {"token": content["private_feed"].token, "show_slug": "kvarten"},
        # The read API (its lists and the description have no parameters).
        "api_article": {"id": content["paid"].pk},
        "api_blog_post": {"id": content["post"].pk},
        "api_issue": {"number": content["issue"].number},
        "api_author": {"id": content["author"].pk},
        "api_section": {"id": content["section"].pk},
        # A free episode and video: their public file addresses are in the shared answer.
        "api_podcast_episode": {"id": content["episode"].pk},
        "api_podcast_show": {"id": content["show"].pk},
        "api_video": {"id": content["free_video"].pk},
        "api_video_series": {"id": content["free_video"].get_parent().pk},
        "api_not_found": {"rest": "finns-inte/"},
        # The media files route has no name: an uploaded image's file.
        None: "/media/" + content["image"].file.name,
    }


def walk_patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            for route, name, has_params in walk_patterns(
                pattern.url_patterns, prefix + str(pattern.pattern)
            ):
                yield route, (f"{namespace}:{name}" if namespace and name else name), has_params
        elif isinstance(pattern, URLPattern):
            regex = pattern.pattern.regex
            yield prefix + str(pattern.pattern), pattern.name, bool(regex.groups)


def resolver_urls(content) -> list[str]:
    values = url_kwargs(content)
    urls, unfilled = [], []
    for route, name, has_params in walk_patterns(get_resolver().url_patterns):
        short_name = name.split(":")[-1] if name else None
        if name in SKIPPED_NAMES:
            continue
        if not has_params:
            urls.append(reverse(name) if name else "/" + route)
        elif route.startswith(SKIPPED_PREFIXES):
            continue
        elif short_name in values:
            given = values[short_name]
            if isinstance(given, str):
                urls.append(given)
            elif isinstance(given, list):
                urls.append(reverse(name, args=given))
            else:
                urls.append(reverse(name, kwargs=given))
        else:
            unfilled.append(route)
    assert not unfilled, f"give these URL patterns values in url_kwargs: {unfilled}"
    return urls


def page_tree_urls(content) -> list[str]:
    urls = []
    for page in Page.objects.live().specific().exclude(depth=1):
        url = page.url
        if url is None:
            continue
        urls.append(url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                if not pattern.name:
                    continue
                if pattern.pattern.regex.groups:
                    assert pattern.name == "archive_month", f"fill route {pattern.name}"
                    month = page.archive_months()[0]["month"]
                    args = [month.year, month.month]
                else:
                    args = []
                urls.append(url + page.reverse_subpage(pattern.name, args=args))
    # The same pages with the query strings readers' links carry.
    urls += [
        f"{content['free'].url}?svara={content['comment'].pk}",
        "/sok/?q=hamnaffären",
        "/sok/?q=budget&sida=2",
    ]
    return urls


def client_for(identity, content) -> tuple[Client, object]:
    # Error pages count too (Wagtail's /admin/failwhale/ fails on purpose).
    client = Client(raise_request_exception=False)
    user = None
    if identity == "reader":
        user = make_user()
    elif identity == "subscriber":
        user = make_user()
        SubscriptionFactory(user=user)
    elif identity == "staff":
        user = make_user(is_staff=True, is_superuser=True)
    if user is not None:
        client.force_login(user)
    return client, user


def shared_cache_may_keep(response) -> bool:
    directives = cache_directives(response)
    if {"private", "no-store"} & directives.keys():
        return False
    return bool({"public", "max-age", "s-maxage"} & directives.keys())


def faults(url, response, authenticated) -> list[str]:
    directives = cache_directives(response)
    personal_scope = bool({"private", "no-store"} & directives.keys())
    found = []
    cookies = sorted(response.cookies.keys())
    if cookies and not personal_scope:
        found.append(f"{url}: sets {cookies} but Cache-Control is {directives or 'absent'}")
    if authenticated and not personal_scope:
        found.append(f"{url}: logged-in answer with Cache-Control {directives or 'absent'}")
    if shared_cache_may_keep(response) and cookies:
        found.append(f"{url}: shareable and sets {cookies}")
    if "public" in directives and personal_scope:
        found.append(f"{url}: both public and {directives}")
    return found


@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_address_keeps_personal_answers_out_of_shared_caches(identity, site_content):
    urls = list(dict.fromkeys(resolver_urls(site_content) + page_tree_urls(site_content)))
    client, user = client_for(identity, site_content)
    found, walked = [], 0
    for url in urls:
        if user is not None and "_auth_user_id" not in client.session:
            # A walked address (logout, password reset) may end the session.
            client.force_login(user)
        response = client.get(url)
        walked += 1
        found += faults(url, response, authenticated=user is not None)
    assert walked > 60
    assert not found, "\n".join(found)


def test_the_walk_reaches_pages_readers_and_staff_use(site_content):
    """Guards the walk itself: it must not quietly shrink."""
    urls = resolver_urls(site_content) + page_tree_urls(site_content)
    for expected in (
        "/",
        site_content["free"].url,
        site_content["metered"].url,
        site_content["paid"].url,
        site_content["post"].url,
        site_content["blog"].url + "arkiv/",
        f"/kommentarer/k/{site_content['comment'].pk}/anmal/",
        "/konto/password/reset/",
        "/konto/logout/",
        "/integritet/",
        "/flode/",
        "/admin/",
    ):
        assert expected in urls
    assert any(url.startswith("/media/") for url in urls)
    assert any(url.startswith("/dokument/") for url in urls)


def test_anonymous_free_pages_stay_shareable(client, site_content):
    """The rule must not make everything private: free pages are for every reader."""
    for url in ("/", site_content["free"].url, "/integritet/", "/flode/"):
        response = client.get(url)
        assert not response.cookies, url
        assert "private" not in response.get("Cache-Control", ""), url


def test_api_answers_are_public_without_a_key_and_private_with_one(client, site_content):
    urls = [url for url in resolver_urls(site_content) if url.startswith("/api/")]
    assert len(urls) >= 12
    # The description and the docs are the same for every caller, key or not.
    same_for_all = {"/api/openapi.json", "/api/docs/"}
    for url in same_for_all:
        assert "public" in client.get(url, HTTP_AUTHORIZATION="Bearer x")["Cache-Control"]
    for url in set(urls) - same_for_all:
        anonymous = client.get(url)
        assert not anonymous.cookies, url
        keyed = client.get(url, HTTP_AUTHORIZATION=f"Bearer {site_content['api_key']}")
        assert not keyed.cookies, url
        assert faults(url, keyed, authenticated=True) == [], url
    for url in ("/api/articles/", f"/api/articles/{site_content['paid'].pk}/"):
        assert "public" in client.get(url)["Cache-Control"], url


def test_walk_would_notice_a_cookie_on_a_shareable_answer():
    response = HttpResponse()
    response["Cache-Control"] = "public, max-age=60"
    response.set_cookie("csrftoken", "x")
    assert faults("/x/", response, authenticated=False)
    response = HttpResponse()
    assert faults("/x/", response, authenticated=True)
