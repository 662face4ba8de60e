import pytest

from tests.paywall.conftest import clock, make_user, staff, subscriber  # noqa: F401 - fixtures

from .factories import (
    VideoPageFactory,
    WebTvIndexPageFactory,
    WebTvSeriesPageFactory,
    make_clip,
    stored_video,
)


@pytest.fixture(scope="session")
def clips(tmp_path_factory):
    """One MP4 and one WebM clip of one second, 160x90, made once for the whole run."""
    folder = tmp_path_factory.mktemp("clips")
    return {
        "mp4": make_clip(folder / "klipp.mp4"),
        "webm": make_clip(folder / "klipp.webm", webm=True),
    }


@pytest.fixture
def reader(db):
    return make_user()


@pytest.fixture
def videos(tree, clips):
    """A series with a free, a metered and a subscribers-only video, sharing one clip."""
    series = WebTvSeriesPageFactory(parent=WebTvIndexPageFactory(parent=tree["home"]))
    video = stored_video(clips["mp4"])
    return {
        "series": series,
        "video": video,
        "free": VideoPageFactory(
            parent=series, title="Fri video", video=video, access_level="free"
        ),
        "metered": VideoPageFactory(parent=series, title="Mätt video", video=video),
        "paid": VideoPageFactory(
            parent=series, title="Betald video", video=video, access_level="subscribers"
        ),
    }
