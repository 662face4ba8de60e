"""What a source sends can be read only with the passphrase: not in the database, not in a dump."""

import io

import pytest
from django.core.management import call_command
from PIL import ExifTags, Image

from tests.tips.conftest import PASSPHRASE, photo_upload, phrase_from, submit_tip
from utgivare.tips import inbox as tip_inbox
from utgivare.tips import sealing
from utgivare.tips.models import Tip, TipAccess, TipAttachment

SECRET_TEXT = "Nämndens ordförande tog emot pengar från Hamnbolaget."


@pytest.fixture
def sent(inbox, client):
    return submit_tip(client, SECRET_TEXT, [photo_upload()])


def test_a_dump_of_the_database_reveals_neither_tip_nor_phrase(sent):
    phrase = phrase_from(sent)
    dump = io.StringIO()
    call_command("dumpdata", "tips", stdout=dump)
    text = dump.getvalue()
    assert '"model": "tips.tip"' in text and '"model": "tips.tipattachment"' in text
    for secret in (SECRET_TEXT, "Hamnbolaget", phrase, phrase.split()[0] + " " + phrase.split()[1]):
        assert secret not in text
    raw = b"".join(bytes(m.sealed_text) for tip in Tip.objects.all() for m in tip.messages.all())
    assert b"Hamnbolaget" not in raw


def test_the_tip_opens_with_the_passphrase_and_not_without(sent):
    inbox = tip_inbox.current_inbox()
    with pytest.raises(sealing.WrongSecret):
        tip_inbox.unlock(inbox, "en gissad lösenfras som inte stämmer")
    key = tip_inbox.unlock(inbox, PASSPHRASE)
    opened = tip_inbox.read_for_editor(Tip.objects.get(), key, editor=None)
    assert opened[0].text == SECRET_TEXT


def test_a_photo_read_in_the_admin_has_lost_its_gps_position(sent, admin_client):
    tip = Tip.objects.get()
    locked_out = admin_client.get(f"/admin/tips/{tip.pk}/")
    assert locked_out.status_code == 302 and "next=" in locked_out["Location"]
    admin_client.post(
        "/admin/tips/las-upp/", {"passphrase": PASSPHRASE, "next": f"/admin/tips/{tip.pk}/"}
    )
    page = admin_client.get(f"/admin/tips/{tip.pk}/")
    assert SECRET_TEXT in page.content.decode()
    download = admin_client.get(f"/admin/tips/bilaga/{TipAttachment.objects.get().pk}/")
    assert download["Content-Disposition"] == 'attachment; filename="bilaga.jpg"'
    photo = Image.open(io.BytesIO(download.content))
    assert photo.size == (64, 48)
    exif = photo.getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo) and ExifTags.Base.Make not in exif
    assert b"SN-4711" not in download.content
    actions = list(TipAccess.objects.values_list("action", "tip_number"))
    assert ("read", tip.pk) in actions and ("attachment", tip.pk) in actions
