"""Shared by the paywall tests."""

import datetime as dt

# Mid-November in Stockholm: the banner says "november".
NOVEMBER = dt.datetime(2026, 11, 10, 12, 0, tzinfo=dt.UTC)

FIRST_PARAGRAPH = "Första stycket berättar vad som hände i fullmäktige i tisdags."
# Every sentence of the factory article after its first paragraph.
PAYWALLED_SENTENCES = (
    "Andra stycket visar vad handlingarna säger om upphandlingen.",
    "Tredje stycket citerar revisionsrapporten i sin helhet.",
    "Nämnden har inte följt lagen om offentlig upphandling.",
)


def read(client, page, **extra):
    response = client.get(page.url, **extra)
    assert response.status_code == 200
    return response.content.decode()
