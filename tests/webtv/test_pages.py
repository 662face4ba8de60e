"""Smoke: the web-TV pages render for a reader."""


def test_index_series_and_free_video_render(client, videos):
    index = client.get("/webb-tv/")
    assert index.status_code == 200
    assert "Fri video" in index.content.decode()
    page = client.get(videos["free"].url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "<video" in body and 'srclang="sv"' in body
