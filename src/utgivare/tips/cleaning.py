"""Attachments lose what could identify the source before they are sealed.

Photos carry EXIF (GPS position, camera serial number, time); PDFs carry an
author, the program and its licence holder, XMP metadata and annotation
authors. Images are decoded and drawn again from their pixels alone; PDFs are
rebuilt from their pages without document information, XMP or annotations.
A file we cannot clean is refused with a reason rather than stored as it came.
Other file types (Word documents, spreadsheets) keep metadata we cannot
remove reliably, so they are refused too; the page tells sources to send a
PDF or a screenshot instead.
"""

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
# Keeps the decoded size of a hostile image within reason (about 40 megapixels).
MAX_PIXELS = 40_000_000


class Refused(Exception):
    """The file cannot be cleaned; the message says why, in words for the source."""


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes
    # What was taken away, shown to the editors ("EXIF borttaget").
    note: str


def clean(name: str, data: bytes) -> CleanFile:
    if data.startswith(b"%PDF-"):
        return _clean_pdf(name, data)
    if _is_plain_text(name, data):
        return CleanFile(_safe_name(name, ".txt"), "text/plain; charset=utf-8", data, "")
    return _clean_image(name, data)


def _is_plain_text(name: str, data: bytes) -> bool:
    if not name.lower().endswith(".txt"):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _safe_name(name: str, extension: str) -> str:
    # The original file name can itself identify ("IMG_4031.jpg" from one
    # phone, "Lönelista_Anna.pdf"), so the stored name only numbers the kind.
    return f"bilaga{extension}"


def _clean_image(name: str, data: bytes) -> CleanFile:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            kind = image.format
            if kind not in IMAGE_TYPES:
                raise Refused(_("Bara bilder (JPEG, PNG, WebP, GIF), pdf och textfiler tas emot."))
            if image.width * image.height > MAX_PIXELS:
                raise Refused(_("Bilden är för stor."))
            # Turn it the way the camera meant before the orientation tag goes.
            image = ImageOps.exif_transpose(image)
            image.load()
    except Refused:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning) as error:
        raise Refused(
            _("Filen kunde inte läsas som bild. Skicka bilder, pdf eller textfiler.")
        ) from error
    mode = "RGB" if kind == "JPEG" else "RGBA"
    pixels = image.convert(mode)
    # A new image from the pixels alone: no EXIF, XMP, ICC profile or PNG text.
    bare = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if kind == "JPEG":
        bare.save(out, "JPEG", quality=92)
        return CleanFile(_safe_name(name, ".jpg"), "image/jpeg", out.getvalue(), "EXIF")
    bare.save(out, "PNG")
    return CleanFile(_safe_name(name, ".png"), "image/png", out.getvalue(), "metadata")


def _clean_pdf(name: str, data: bytes) -> CleanFile:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Refused(_("Pdf-filen är lösenordsskyddad. Skicka den utan lösenord."))
        writer = PdfWriter()
        for page in reader.pages:
            for key in ("/Metadata", "/PieceInfo", "/Annots"):
                if key in page:
                    del page[key]
            writer.add_page(page)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
        cleaned = out.getvalue()
        _check_pdf_is_bare(PdfReader(io.BytesIO(cleaned)))
    except Refused:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, NotImplementedError) as error:
        raise Refused(
            _("Pdf-filen kunde inte läsas. Skicka en bild av sidorna i stället.")
        ) from error
    return CleanFile(_safe_name(name, ".pdf"), "application/pdf", cleaned, "metadata")


def _check_pdf_is_bare(reader) -> None:
    """Refuse what we did not manage to take away (then the source sends a screenshot)."""
    info = reader.metadata
    if info and any(key for key in info if key not in ("/Producer",)):
        raise Refused(_("Pdf-filens metadata gick inte att ta bort."))
    if "/Metadata" in reader.trailer["/Root"]:
        raise Refused(_("Pdf-filens metadata gick inte att ta bort."))
    for page in reader.pages:
        for image in getattr(page, "images", []):
            # A photo inside the PDF can still carry its EXIF (GPS position).
            if b"Exif" in image.data[:4096]:
                raise Refused(
                    _(
                        "Pdf-filen innehåller foton med dolda uppgifter (EXIF) som vi inte "
                        "kan ta bort. Skicka fotona som bilder i stället."
                    )
                )
