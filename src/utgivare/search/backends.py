"""The database side of the search index: one implementation per database.

PostgreSQL: two generated tsvector columns on the entry table, `public_vector`
(title A, lead B, byline and kicker C, teaser D) and `full_vector` (the same with
the whole body as D), both `to_tsvector('swedish', …)`, each with a GIN index.
The database keeps them current whenever a row is written.

SQLite: an FTS5 table `utgivare_search_fts` (rowid = page id) with the columns
title, lead, meta (byline and kicker), teaser and body, holding Snowball stems
(search.language.index_text), written by `write_fts` whenever entries are written;
a trigger removes its row when the entry goes.
"""

from django.db import connection

FTS_TABLE = "utgivare_search_fts"
ENTRY_TABLE = "utgivare_search_searchentry"
# PostgreSQL only (search.0003), kept by triggers on the entry table.
MATCH_TABLE = "utgivare_search_match"
# PostgreSQL only (search.0003): every lexeme in the match table, to expand prefixes.
LEXEME_TABLE = "utgivare_search_lexeme"


def write_fts(entries):
    """Write the SQLite FTS rows of `entries` (SearchEntry instances); nothing on PostgreSQL."""
    if connection.vendor != "sqlite" or not entries:
        return
    from .language import index_text

    rows = [
        (
            entry.page_id,
            index_text(entry.title),
            index_text(entry.lead),
            index_text(f"{entry.author_name} {entry.kicker}"),
            index_text(entry.teaser_text),
            index_text(entry.body_text),
        )
        for entry in entries
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = ?", [(row[0],) for row in rows])  # noqa: S608 - table names and placeholders only
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, lead, meta, teaser, body) "  # noqa: S608 - table names and placeholders only
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
