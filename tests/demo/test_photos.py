"""Painted demo photos: the same article always gets the same picture, at the right size."""

import io

import pytest
from PIL import Image

from utgivare.demo import photos


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("motif", photos.MOTIFS)
def test_each_motif_paints_a_jpeg_of_the_hero_shape(motif):
    image = opened(photos.hero_photo(motif, "seed", scale=0.1))

    assert image.format == "JPEG"
    assert image.size == (160, 90)
    # Not a blank canvas: a painted scene has many distinct colours.
    assert len(image.getcolors(maxcolors=100_000) or range(100_000)) > 200


def test_full_size_hero_is_1600_by_900():
    assert opened(photos.hero_photo("harbour", "a")).size == photos.HERO_SIZE


def test_same_motif_and_seed_give_the_same_photo():
    assert photos.hero_photo("townhall", "artikel-1", scale=0.1) == photos.hero_photo(
        "townhall", "artikel-1", scale=0.1
    )


def test_another_seed_gives_another_photo():
    assert photos.hero_photo("townhall", "artikel-1", scale=0.1) != photos.hero_photo(
        "townhall", "artikel-2", scale=0.1
    )


def test_unknown_or_swedish_motif_still_gets_a_picture():
    assert photos.resolve_motif("hamn", "x") == "harbour"
    assert photos.resolve_motif("något helt okänt", "x") in photos.MOTIFS
    assert opened(photos.hero_photo("något helt okänt", "x", scale=0.1)).size == (160, 90)


def test_portrait_is_square():
    assert opened(photos.portrait_photo("karin-lund")).size == photos.PORTRAIT_SIZE


def test_cover_has_the_cover_shape():
    assert opened(
        photos.cover_photo(180, "Lång natt", "Norrviks Kurir", "night", scale=0.25)
    ).size == (
        200,
        275,
    )


def test_cover_is_drawn_without_any_installed_font(monkeypatch, tmp_path):
    monkeypatch.setattr(photos, "FONT_DIRS", (tmp_path,))

    cover = opened(
        photos.cover_photo(177, "Hamnudden till rea?", "Norrviks Kurir", "harbour", 0.25)
    )

    assert cover.size == (200, 275)
