"""An editor uploads a video in the admin: MP4 (H.264) and WebM are taken, with their
length read from the file; anything else is refused with a clear message and nothing
is stored."""

import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from utgivare.media.models import private_storage
from utgivare.webtv import probe
from utgivare.webtv.models import Video, VideoCaption

from .factories import SWEDISH_VTT

ADD_URL = "wagtailsnippets_webtv_video:add"


@pytest.fixture
def editor_client(client, staff):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


def upload(client, file_name, data, captions=()):
    form = {
        "title": "Fullmäktige",
        "file": SimpleUploadedFile(file_name, data),
        "captions-TOTAL_FORMS": str(len(captions)),
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
    }
    for number, (language, vtt) in enumerate(captions):
        form |= {
            f"captions-{number}-language": language,
            f"captions-{number}-label": "",
            f"captions-{number}-file": SimpleUploadedFile("text.vtt", vtt),
            f"captions-{number}-ORDER": str(number + 1),
            f"captions-{number}-DELETE": "",
            f"captions-{number}-id": "",
        }
    return client.post(reverse(ADD_URL), form)


def stored_video_files() -> list:
    storage = private_storage()
    if not storage.exists("webtv/video"):
        return []
    return storage.listdir("webtv/video")[1]


@pytest.mark.parametrize("kind", ["mp4", "webm"])
def test_mp4_and_webm_are_taken_with_their_length_read_from_the_file(editor_client, clips, kind):
    response = upload(
        editor_client, f"klipp.{kind}", clips[kind].read_bytes(), [("sv", SWEDISH_VTT)]
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    video = Video.objects.get()
    assert video.container == kind
    assert video.duration == pytest.approx(1.0, abs=0.1)
    assert (video.width, video.height) == (160, 90)
    assert video.size == clips[kind].stat().st_size
    assert video.file.name.endswith(f".{kind}") and video.file.storage.exists(video.file.name)
    caption = VideoCaption.objects.get(video=video)
    assert caption.language == "sv"
    assert caption.file.read() == SWEDISH_VTT


def refused_upload(client, file_name, data, expected):
    before = stored_video_files()
    response = upload(client, file_name, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert expected in page
    assert Video.objects.count() == 0
    assert stored_video_files() == before


def test_a_file_that_is_not_a_video_is_refused_and_nothing_is_stored(editor_client):
    refused_upload(
        editor_client,
        "protokoll.mp4",
        b"Protokoll fr\xc3\xa5n fullm\xc3\xa4ktige\n" * 100,
        "Filen är inte en video i formatet MP4 (H.264) eller WebM.",
    )


def test_a_truncated_video_is_refused(editor_client, clips):
    data = clips["mp4"].read_bytes()
    refused_upload(editor_client, "klipp.mp4", data[: len(data) // 3], "går inte att läsa")


def test_an_mp4_not_coded_with_h264_is_refused(editor_client, tmp_path):
    path = tmp_path / "mpeg4.mp4"

    subprocess.run(  # noqa: S603
        [
            probe.ffmpeg_exe(),
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "testsrc=s=160x90:d=1",
            "-c:v",
            "mpeg4",
            str(path),
        ],
        check=True,
        timeout=60,
    )
    refused_upload(
        editor_client, "klipp.mp4", Path(path).read_bytes(), "måste vara kodad med H.264"
    )


def test_captions_that_are_not_webvtt_are_refused_with_the_line(editor_client, clips):
    bad = b"WEBVTT\n\n00:01.000 -> 00:02.000\nFel pil.\n"
    before = stored_video_files()
    response = upload(editor_client, "klipp.mp4", clips["mp4"].read_bytes(), [("sv", bad)])
    assert response.status_code == 200
    assert "Rad 3: tidsangivelsen ska se ut som" in response.content.decode()
    assert Video.objects.count() == 0
    assert stored_video_files() == before
