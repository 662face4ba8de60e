"""Comment times are shown in Stockholm time, summer and winter alike."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from utgivare.comments.thread_html import LOCAL_TZ, Labels, _when

moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(dt.UTC)
)


@given(moments)
def test_time_matches_stockholm_local_time(moment):
    labels = Labels()
    iso, text = _when(moment, labels, labels.offsets)
    local = moment.astimezone(LOCAL_TZ)
    assert iso == local.isoformat(timespec="minutes")
    assert text == (f"{local.day} {labels.months[local.month - 1]} {local.year} kl. {local:%H.%M}")


def test_the_night_clocks_go_back():
    labels = Labels()
    before = dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC)  # 02.30 summer time
    after = dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)  # 02.30 winter time
    assert _when(before, labels, labels.offsets) == (
        "2026-10-25T02:30+02:00",
        "25 oktober 2026 kl. 02.30",
    )
    assert _when(after, labels, labels.offsets)[0] == "2026-10-25T02:30+01:00"


def test_thread_shows_the_stored_time_in_stockholm(client, article):
    from .factories import CommentFactory

    comment = CommentFactory(page=article, created_at=dt.datetime(2026, 7, 1, 10, 5, tzinfo=dt.UTC))
    html = client.get(article.url).content.decode()
    assert f'href="#kommentar-{comment.pk}"><time datetime="2026-07-01T12:05+02:00">' in html
    assert "1 juli 2026 kl. 12.05" in html
