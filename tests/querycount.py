from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for_get(client, url):
    """How many queries one GET of `url` runs (after a warm-up GET that creates renditions)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)
