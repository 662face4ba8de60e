"""What a program reading /api/ sees of pieces, lists and filters."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.api.conftest import HIDDEN, OPEN, bearer

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("api_reading")]


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_anonymous_caller_gets_teasers_of_metered_and_paid_pieces(client, api_site):
    for name, article in api_site["articles"].items():
        data = client.get(f"/api/articles/{article.pk}/").json()
        assert OPEN in data["body_html"]
        assert (HIDDEN in data["body_html"]) is (name == "free")
        assert data["access"] == {
            "level": {"free": "free", "metered": "metered", "paid": "subscribers"}[name],
            "full_text": name == "free",
        }


def test_reading_through_the_api_spends_no_free_read(client, api_site):
    metered = api_site["articles"]["metered"]
    for _ in range(5):
        client.get(f"/api/articles/{metered.pk}/")
    # The site's own page still opens it on the reader's first free read.
    page = client.get(metered.url)
    assert HIDDEN in page.content.decode()


def test_a_subscribers_key_opens_what_the_subscription_covers(client, api_site):
    for piece in [*api_site["articles"].values(), *api_site["posts"].values()]:
        kind = "articles" if piece.paywall_content_type == "article" else "blog-posts"
        data = client.get(f"/api/{kind}/{piece.pk}/", **bearer(api_site["subscriber_key"])).json()
        assert HIDDEN in data["body_html"]
        assert data["access"]["full_text"] is True


def test_a_key_without_a_subscription_gets_what_anyone_gets(client, api_site):
    paid = api_site["articles"]["paid"]
    data = client.get(f"/api/articles/{paid.pk}/", **bearer(api_site["reader_key"])).json()
    assert HIDDEN not in data["body_html"]
    assert data["access"]["full_text"] is False


def test_article_filters_combine(client, api_site):
    articles, karin = api_site["articles"], api_site["authors"]["karin"]
    assert ids(client.get("/api/articles/")) == [a.pk for a in articles.values()]
    assert ids(client.get("/api/articles/", {"order": "oldest"})) == [
        a.pk for a in reversed(articles.values())
    ]
    assert ids(client.get("/api/articles/", {"author": karin.slug})) == [
        articles["free"].pk,
        articles["metered"].pk,
    ]
    assert ids(client.get("/api/articles/", {"author": karin.slug, "access": "metered"})) == [
        articles["metered"].pk
    ]
    assert ids(client.get("/api/articles/", {"section": "kultur"})) == [articles["paid"].pk]
    assert ids(client.get("/api/articles/", {"section": "kultur", "author": karin.slug})) == []
    assert ids(client.get("/api/articles/", {"issue": 179, "access": "free"})) == [
        articles["free"].pk
    ]
    assert ids(client.get("/api/articles/", {"section": "finns-inte"})) == []
    # `since` is a day in the publication's time zone (Stockholm), not in UTC.
    newest = timezone.localdate(articles["free"].first_published_at)
    assert ids(client.get("/api/articles/", {"since": newest.isoformat()})) == [articles["free"].pk]
    assert ids(client.get("/api/articles/", {"until": newest.isoformat(), "order": "oldest"}))[
        0
    ] == (articles["paid"].pk)


def test_blog_posts_filter_by_blog_and_by_its_writer(client, api_site):
    posts = {post.pk for post in api_site["posts"].values()}
    assert set(ids(client.get("/api/blog-posts/", {"blog": "karin"}))) == posts
    assert set(ids(client.get("/api/blog-posts/", {"author": "karin-lund"}))) == posts
    assert ids(client.get("/api/blog-posts/", {"author": "omar-said"})) == []
    listed = client.get("/api/blog-posts/").json()["results"][0]
    assert listed["blog"]["slug"] == "karin"
    assert listed["author"]["slug"] == "karin-lund"


def test_pages_link_to_each_other_and_a_page_past_the_end_is_empty(client, api_site):
    first = client.get("/api/articles/", {"page_size": 2, "access": "metered"}).json()
    assert first["count"] == 1 and first["pages"] == 1 and first["next"] is None
    first = client.get("/api/articles/", {"page_size": 2}).json()
    assert (first["count"], first["pages"], first["previous"]) == (3, 2, None)
    second = client.get(first["next"]).json()
    assert [item["id"] for item in second["results"]] == [api_site["articles"]["paid"].pk]
    assert second["next"] is None and "page=1" in second["previous"]
    beyond = client.get("/api/articles/", {"page": 7, "page_size": 2}).json()
    assert beyond["results"] == [] and beyond["count"] == 3


def test_an_issue_lists_its_table_of_contents_in_order(client, api_site):
    data = client.get("/api/issues/179/").json()
    assert [a["id"] for a in data["articles"]] == [
        api_site["articles"]["free"].pk,
        api_site["articles"]["metered"].pk,
    ]
    assert "body_html" not in data["articles"][0]
    assert ids(client.get("/api/issues/", {"year": 2026})) == [api_site["issue"].pk]
    assert ids(client.get("/api/issues/", {"year": 1999})) == []


def test_authors_and_sections(client, api_site):
    authors = client.get("/api/authors/").json()["results"]
    assert [a["name"] for a in authors] == ["Karin Lund", "Omar Said"]
    karin = client.get(f"/api/authors/{api_site['authors']['karin'].pk}/").json()
    assert "kommunalpolitik" in karin["bio_html"]
    sections = client.get("/api/sections/").json()["results"]
    assert [s["slug"] for s in sections] == ["sektion-1", "kultur"]


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/articles/?page=0", 422),
        ("/api/articles/?page=abc", 422),
        ("/api/articles/?page_size=1000", 422),
        ("/api/articles/?access=hemlig", 422),
        ("/api/articles/?since=igår", 422),
        ("/api/articles/?order=random", 422),
        ("/api/articles/99999999999/", 422),
        ("/api/articles/?author=%00", 400),
        ("/api/articles/?section=a%0Bb", 400),
        ("/api/articles/1/", 404),
        ("/api/finns-inte/", 404),
    ],
)
def test_bad_input_is_a_clear_json_answer(client, api_site, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert response["Cache-Control"] == "no-store"


def test_an_address_without_its_final_slash_is_sent_to_the_one_with_it(client, api_site):
    response = client.get("/api/articles?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/api/articles/?page=2"


def test_a_list_runs_a_handful_of_queries_not_one_per_piece(
    client, api_site, django_assert_max_num_queries
):
    client.get("/api/sections/")  # the site and its settings, cached per content version
    for url in (
        "/api/articles/",
        "/api/blog-posts/",
        "/api/issues/179/",
        "/api/podcast-episodes/",
        "/api/videos/",
    ):
        with django_assert_max_num_queries(8):
            assert client.get(url, {"page_size": 100}).status_code == 200


def test_episode_audio_transcript_and_notes_follow_the_access_decision(client, api_site):
    free, paid = api_site["episodes"]["free"], api_site["episodes"]["paid"]
    anonymous = {e["id"]: e for e in client.get("/api/podcast-episodes/").json()["results"]}
    assert list(anonymous) == [paid.pk, free.pk]  # newest first
    # A free episode carries its public address; a paid one no address at all.
    assert "/mediafil/" in anonymous[free.pk]["audio"]["url"]
    assert anonymous[paid.pk]["audio"]["url"] == ""
    data = client.get(f"/api/podcast-episodes/{paid.pk}/").json()
    assert (data["audio"]["url"], data["transcript"]) == ("", "")
    assert OPEN in data["body_html"] and HIDDEN not in data["body_html"]
    assert [c["title"] for c in data["chapters"]] == ["Inledning", "Frågor"]  # on the page too
    data = client.get(f"/api/podcast-episodes/{paid.pk}/", **bearer(api_site["reader_key"])).json()
    assert (data["audio"]["url"], data["transcript"]) == ("", "")
    keyed = bearer(api_site["subscriber_key"])
    data = client.get(f"/api/podcast-episodes/{paid.pk}/", **keyed).json()
    assert HIDDEN in data["body_html"] and HIDDEN in data["transcript"]
    audio = client.get(data["audio"]["url"])
    assert audio.status_code == 200
    assert audio["Content-Type"] == "audio/mpeg"


def test_video_files_captions_and_chapters_follow_the_access_decision(client, api_site):
    free, paid = api_site["videos"]["free"], api_site["videos"]["paid"]
    data = client.get(f"/api/videos/{paid.pk}/").json()
    assert (data["video"], data["chapters"]) == (None, [])
    assert HIDDEN not in str(data)
    data = client.get(f"/api/videos/{paid.pk}/", **bearer(api_site["reader_key"])).json()
    assert data["video"] is None
    data = client.get(f"/api/videos/{free.pk}/").json()
    assert data["video"]["file_url"].endswith("/video.mp4")
    data = client.get(f"/api/videos/{paid.pk}/", **bearer(api_site["subscriber_key"])).json()
    assert data["chapters"] == [{"start_seconds": 1.0, "title": HIDDEN}]
    caption = client.get(data["video"]["captions"][0]["url"])
    assert caption.status_code == 200
    assert "Textrad." in b"".join(caption.streaming_content).decode()


def test_episodes_and_videos_filter_by_show_series_access_and_day(client, api_site):
    episodes, videos = api_site["episodes"], api_site["videos"]
    assert ids(client.get("/api/podcast-episodes/", {"show": "kvarten"})) == [
        episodes["paid"].pk,
        episodes["free"].pk,
    ]
    assert ids(client.get("/api/podcast-episodes/", {"show": "finns-inte"})) == []
    assert ids(client.get("/api/podcast-episodes/", {"access": "free"})) == [episodes["free"].pk]
    day = episodes["free"].date.date() + dt.timedelta(days=1)
    assert ids(client.get("/api/podcast-episodes/", {"until": day.isoformat()})) == [
        episodes["free"].pk
    ]
    assert ids(client.get("/api/podcast-episodes/", {"author": "karin-lund"})) == []
    assert ids(client.get("/api/videos/", {"series": "fullmaktige", "access": "subscribers"})) == [
        videos["paid"].pk
    ]
    shows = client.get("/api/podcast-shows/").json()["results"]
    assert [(s["slug"], s["feed_url"].endswith("/kvarten/flode/")) for s in shows] == [
        ("kvarten", True)
    ]
    series = client.get(f"/api/video-series/{api_site['series'].pk}/").json()
    assert series["title"] == "Fullmäktige"


def test_an_episode_list_is_cached_and_answers_304_to_its_etag(client, api_site):
    response = client.get("/api/podcast-episodes/")
    assert "public" in response["Cache-Control"] and not response.cookies
    again = client.get("/api/podcast-episodes/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
