"""Podcasts for tests: a show with episodes, audio synthesised once per process."""

import functools
import json
import tempfile
from pathlib import Path

import factory
from django.utils import timezone

from tests.factories import PageFactory, paragraph
from utgivare.media.storing import store_audio
from utgivare.media.synth import mp3_bytes
from utgivare.podcasts.models import PodcastEpisodePage, PodcastIndexPage, PodcastShowPage

# Just over a minute, so a whole download counts (media.downloads); 8 kHz keeps it cheap.
AUDIO_SECONDS = 65


@functools.lru_cache(maxsize=2)
def audio_bytes(seconds=AUDIO_SECONDS) -> bytes:
    return mp3_bytes(seconds, kbps=16, sample_rate=8000)


def stored_audio(title="Avsnitt", seconds=AUDIO_SECONDS):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ljud.mp3"
        path.write_bytes(audio_bytes(seconds))
        return store_audio(path, title)


class PodcastIndexPageFactory(PageFactory):
    class Meta:
        model = PodcastIndexPage

    title = "Poddradio"
    slug = "poddradio"
    show_in_menus = True


class PodcastShowPageFactory(PageFactory):
    class Meta:
        model = PodcastShowPage

    title = factory.Sequence(lambda n: f"Podd {n}")
    slug = factory.Sequence(lambda n: f"podd-{n}")
    description = "Redaktionen samtalar om veckans granskningar."
    author_name = "Norrviks Kurir"


def notes(*texts):
    return json.dumps([paragraph(text) for text in texts or ("Shownotes, första stycket.",)])


class PodcastEpisodePageFactory(PageFactory):
    class Meta:
        model = PodcastEpisodePage

    title = factory.Sequence(lambda n: f"Avsnitt {n}")
    lead = "Vi går igenom veckan."
    body = factory.LazyFunction(notes)
    date = factory.LazyFunction(timezone.now)
    audio = factory.LazyFunction(stored_audio)
    episode_number = factory.Sequence(lambda n: n + 1)
    season_number = 1
    chapters = "0:00 Inledning\n0:30 Frågor"
