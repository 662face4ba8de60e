"""Uploading audio in the admin: facts read from the file, anything else refused."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from tests.paywall.conftest import make_user
from tests.podcasts.factories import audio_bytes
from utgivare.media.models import MediaFile, private_storage

ADD_URL = "wagtailsnippets_media_mediafile:add"


def upload(client, name, content):
    return client.post(
        reverse(ADD_URL),
        {"title": "Avsnitt 1", "file": SimpleUploadedFile(name, content, "audio/mpeg")},
    )


def stored_files():
    storage = private_storage()
    try:
        _, files = storage.listdir("audio")
    except FileNotFoundError:
        return []
    return files


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_an_mp3_upload_gets_its_facts_from_the_file(tree):
    client = make_admin_client()
    content = audio_bytes()
    response = upload(client, "avsnitt.mp3", content)
    assert response.status_code == 302
    media_file = MediaFile.objects.get()
    assert media_file.mime_type == "audio/mpeg"
    assert media_file.size == len(content)
    assert 64 < media_file.duration_seconds < 67
    assert media_file.bitrate == 16000
    assert media_file.file.name.endswith(".mp3")


def test_text_or_broken_audio_is_refused_and_nothing_is_stored(tree):
    client = make_admin_client()
    before = stored_files()
    for name, content in [
        ("avsnitt.mp3", "Det här är ingen ljudfil, bara text.".encode() * 100),
        ("bild.mp3", b"\x89PNG\r\n\x1a\n" + b"\0" * 5000),
    ]:
        response = upload(client, name, content)
        assert response.status_code == 200
        page = response.content.decode()
        assert "inte en ljudfil" in page or "går inte att läsa" in page
    assert MediaFile.objects.count() == 0
    assert stored_files() == before


def test_uploads_go_to_disk_not_memory(settings):
    assert settings.FILE_UPLOAD_HANDLERS == [
        "django.core.files.uploadhandler.TemporaryFileUploadHandler"
    ]
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 1024 * 1024


def make_admin_client():
    from django.test import Client

    client = Client()
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client
