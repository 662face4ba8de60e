"""A PDF loses its author, program and annotations; a file we cannot clean is refused."""

import io

import pytest
from pypdf import PdfReader, PdfWriter

from utgivare.tips import cleaning


def _pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Anna Andersson", "/Creator": "Kommunens Word"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_keeps_its_pages_and_loses_its_author():
    original = _pdf_with_author()
    assert b"Anna Andersson" in original
    cleaned = cleaning.clean("Lönelista_Anna.pdf", original)
    assert cleaned.name == "bilaga.pdf" and b"Anna Andersson" not in cleaned.data
    reader = PdfReader(io.BytesIO(cleaned.data))
    assert len(reader.pages) == 1 and "/Author" not in (reader.metadata or {})


def test_a_word_document_is_refused_with_a_reason():
    with pytest.raises(cleaning.Refused, match="pdf"):
        cleaning.clean("protokoll.docx", b"PK\x03\x04 not an image")
