"""Adaptive streaming: the background task makes an HLS ladder; the page offers it
first and the MP4 after it; progress and failures show in the admin, and a failed
transcode leaves the MP4 playable."""

import re

import pytest
from django.http import HttpResponseRedirect
from django.test import Client, override_settings
from django.urls import reverse

from utgivare.core import page_cache
from utgivare.media import serving
from utgivare.media.models import private_storage
from utgivare.webtv import hls
from utgivare.webtv.models import HlsStatus
from utgivare.webtv.tasks import transcode_hls

from .factories import VideoPageFactory, stored_video

HLS_SOURCE = re.compile(r'<source src="(/videofiler/[^"]+/hls/master\.m3u8)"')
MP4_SOURCE = re.compile(r'<source src="(/videofiler/[^"]+/video\.mp4)"')


def test_the_ladder_never_upscales_and_always_has_a_rung():
    assert [rung.name for rung in hls.rungs_for(1080)] == ["360p", "720p", "1080p"]
    assert [rung.name for rung in hls.rungs_for(800)] == ["360p", "720p"]
    assert [rung.name for rung in hls.rungs_for(90)] == ["90p"]
    master = hls.master_playlist(hls.rungs_for(720), 1280, 720, has_audio=True)
    assert "RESOLUTION=640x360" in master and "720p/index.m3u8" in master
    assert hls.progress_percent(1, 2, 5, 10) == 75


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_finished_hls_is_offered_before_the_mp4_and_served_segment_by_segment(
    videos, subscriber, clock, monkeypatch
):
    video = videos["video"]
    assert video.hls_status == HlsStatus.QUEUED  # saving a new file queued it
    assert transcode_hls.call(video.pk, video.file.name) == "done"
    video.refresh_from_db()
    assert (video.hls_status, video.hls_progress) == (HlsStatus.DONE, 100)

    subscribed = Client()
    subscribed.force_login(subscriber)
    page = subscribed.get(videos["paid"].url).content.decode()
    master_url = HLS_SOURCE.search(page).group(1)
    assert page.index(master_url) < page.index(MP4_SOURCE.search(page).group(1))

    master = subscribed.get(master_url)
    assert master["Content-Type"] == "application/vnd.apple.mpegurl"
    assert "90p/index.m3u8" in content(master).decode()
    folder = master_url.rsplit("/", 1)[0]
    playlist = content(subscribed.get(f"{folder}/90p/index.m3u8")).decode()
    segment = re.search(r"^(seg_\d+\.ts)$", playlist, re.M).group(1)
    answer = Client().get(f"{folder}/90p/{segment}")  # the signed folder, not the session
    assert answer.status_code == 200 and answer["Content-Type"] == "video/mp2t"
    assert content(answer)[:1] == b"G"  # an MPEG-TS packet starts with its sync byte

    # With S3, the big files redirect to the bucket; playlists stay with us, so their
    # relative addresses keep resolving under the signed folder.
    monkeypatch.setattr(serving, "signs_its_own_urls", lambda storage: True)
    monkeypatch.setattr(
        serving, "presigned_redirect", lambda found: HttpResponseRedirect("https://s3.example/x")
    )
    assert Client().get(f"{folder}/90p/{segment}").status_code == 302
    assert Client().get(folder.rsplit("/", 1)[0] + "/video.mp4").status_code == 302
    assert Client().get(master_url).status_code == 200

    # Segments of a paid video: the folder's token is what opens them.
    forged = folder.replace(folder.split("/")[2], f"{videos['paid'].pk}.p.0.{'0' * 32}")
    assert Client().get(f"{forged}/90p/{segment}").status_code == 403


@pytest.fixture
def admin_client_(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


def test_a_failed_transcode_is_shown_in_the_admin_and_the_mp4_still_plays(
    tree, clips, videos, admin_client_, clock
):
    video = stored_video(clips["mp4"], title="Trasig", captions=False)
    page = VideoPageFactory(parent=videos["series"], video=video, access_level="free")
    # Running: the list shows how far it has come.
    type(video).objects.filter(pk=video.pk).update(hls_status=HlsStatus.RUNNING, hls_progress=40)
    listing = admin_client_.get(reverse("wagtailsnippets_webtv_video:list")).content.decode()
    assert "HLS pågår: 40 %" in listing

    with private_storage().open(video.file.name, "wb") as broken:
        broken.write(b"not a video any more")
    assert transcode_hls.call(video.pk, video.file.name) == "failed"
    video.refresh_from_db()
    assert video.hls_status == HlsStatus.FAILED and video.hls_error

    edit = admin_client_.get(reverse("wagtailsnippets_webtv_video:edit", args=[video.pk]))
    assert "HLS misslyckades (MP4-filen spelas ändå)" in edit.content.decode()
    body = Client().get(page.url).content.decode()
    assert MP4_SOURCE.search(body) and not HLS_SOURCE.search(body)

    # "Gör HLS på nytt" in the edit form queues a new transcode of the same file.
    retry = {"title": "Trasig", "redo_hls": "on", "captions-TOTAL_FORMS": "0"}
    retry |= {"captions-INITIAL_FORMS": "0", "captions-MIN_NUM_FORMS": "0"}
    edit_url = reverse("wagtailsnippets_webtv_video:edit", args=[video.pk])
    assert admin_client_.post(edit_url, retry | {"captions-MAX_NUM_FORMS": "9"}).status_code == 302
    video.refresh_from_db()
    assert video.hls_status == HlsStatus.QUEUED and not video.hls_error


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    page_cache._memo.clear()


def test_a_finished_ladder_or_a_deleted_video_reaches_a_page_already_kept(
    videos, clock, page_cache_on
):
    before = Client().get(videos["free"].url).content.decode()
    assert MP4_SOURCE.search(before) and not HLS_SOURCE.search(before)
    assert Client().get(videos["free"].url)["X-App-Cache"] == "hit"

    video = videos["video"]
    assert transcode_hls.call(video.pk, video.file.name) == "done"
    assert HLS_SOURCE.search(Client().get(videos["free"].url).content.decode())

    video.delete()
    after = Client().get(videos["free"].url).content.decode()
    assert not MP4_SOURCE.search(after) and not HLS_SOURCE.search(after)
