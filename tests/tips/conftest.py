import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from utgivare.tips import inbox as tip_inbox
from utgivare.tips import tokens

PASSPHRASE = "redaktionens långa lösenfras i kassaskåpet"
GPS_LATITUDE = (59.0, 19.0, 48.0)


@pytest.fixture
def inbox(db):
    return tip_inbox.create_inbox(PASSPHRASE, retention_days=90)


def photo_with_gps() -> bytes:
    """A phone photo as a source might send it: camera make and GPS position in its EXIF."""
    image = Image.new("RGB", (64, 48), "steelblue")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Spårkamera"
    exif[ExifTags.Base.BodySerialNumber] = "SN-4711"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def photo_upload(name="IMG_4031.jpg"):
    return SimpleUploadedFile(name, photo_with_gps(), content_type="image/jpeg")


def submit_tip(client, text, files=(), **extra):
    """Post the /tipsa/ form as a browser would; returns the response."""
    return client.post(
        "/tipsa/",
        {"text": text, "token": tokens.new_token(), "attachments": list(files)},
        **extra,
    )


def phrase_from(response) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser").select_one("[data-tip-phrase]").text
