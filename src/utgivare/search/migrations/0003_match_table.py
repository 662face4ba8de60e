"""PostgreSQL only: the words to match move from the entry table to a match table.

The match table holds per piece only what a search tests or filters on: ids, date,
kind, access level, path, and four stripped tsvectors (lexemes, no positions or weights:
nothing ranks by position, and the tiers have vectors of their own, so no match needs a
recheck, and the planner estimates a headline query from title_vector's own statistics;
a weighted query had been estimated like an unweighted one).

Measured on the 100,000-piece benchmark corpus, its rows are still about 1.75 kB (the
entry table's 1.85 kB): the vectors stay in the row, because PostgreSQL only starts
moving values out of line when a row passes about 2 kB; toast_tuple_target = 128 then
moves the two large ones out for long pieces. A narrower heap would need the body's
vector in a table of its own.

- title_vector: the headline (tier 0)
- head_vector: headline, lead, byline, kicker (tier 1)
- public_vector: the head and the teaser; full_vector: the head and the whole body.

The database keeps the table current, as it did the generated columns: triggers on the
entry table upsert the row on insert and update, delete it with the entry, and empty it
when the entry table is truncated (Django's test flush). Backfilled from the generated
columns (no text is parsed again), which are then dropped with their indexes.

The lexeme table: every word form (lexeme) in the match table, so that the search can
expand a prefix itself. GIN finds a prefix query (`kommun:*`, a partial match) some ten
times slower than the same rows asked for as exact lexemes (`kommun | kommunal`): 21-47
ms against 2.6 ms for 26,515 rows. The search looks the prefix up here first (a B-tree
range scan in byte order) and asks the GIN indexes for the exact lexemes it found
(search.query). A trigger on the match table adds the lexemes of each row written; none
are removed (a lexeme no piece has any more only adds an alternative that finds nothing).
"""

from django.db import migrations

ENTRY = "utgivare_search_searchentry"
MATCH = "utgivare_search_match"
LEXEME = "utgivare_search_lexeme"


def _vector(*columns):
    return " || ".join(f"to_tsvector('swedish'::regconfig, {column})" for column in columns)


TITLE = _vector("NEW.title")
# The rest of the head; the trigger parses each text once and joins the vectors.
REST_OF_HEAD = _vector("NEW.lead", "NEW.author_name || ' ' || NEW.kicker")
COLUMNS = (
    "page_id, published_at, kind, access_level, parent_id, author_id, issue_id, path, "
    "title_vector, head_vector, public_vector, full_vector"
)

CREATE = [
    f"""CREATE TABLE {MATCH} (
        page_id integer PRIMARY KEY,
        published_at timestamp with time zone NOT NULL,
        kind varchar(32) NOT NULL,
        access_level varchar(16) NOT NULL,
        parent_id integer,
        author_id integer,
        issue_id integer,
        path varchar(255) NOT NULL,
        title_vector tsvector NOT NULL,
        head_vector tsvector NOT NULL,
        public_vector tsvector NOT NULL,
        full_vector tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    # Compressed in the row if need be, never moved out: every match tests them (tiers).
    f"ALTER TABLE {MATCH} ALTER COLUMN title_vector SET STORAGE MAIN",
    f"ALTER TABLE {MATCH} ALTER COLUMN head_vector SET STORAGE MAIN",
    f"""INSERT INTO {MATCH} ({COLUMNS})
        SELECT page_id, published_at, kind, access_level, parent_id, author_id, issue_id,
               path, strip(ts_filter(head_vector, '{{a}}')), strip(head_vector),
               strip(public_vector), strip(full_vector)
        FROM {ENTRY}""",
    f"CREATE INDEX search_match_title_gin ON {MATCH} USING gin (title_vector)",
    f"CREATE INDEX search_match_head_gin ON {MATCH} USING gin (head_vector)",
    f"CREATE INDEX search_match_public_gin ON {MATCH} USING gin (public_vector)",
    f"CREATE INDEX search_match_full_gin ON {MATCH} USING gin (full_vector)",
    f"CREATE INDEX search_match_published ON {MATCH} (published_at)",
    f"CREATE INDEX search_match_parent ON {MATCH} (parent_id)",
    f"CREATE INDEX search_match_author ON {MATCH} (author_id)",
    f"CREATE INDEX search_match_issue ON {MATCH} (issue_id)",
    f"""CREATE FUNCTION utgivare_search_match_write() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
            title_words tsvector := strip({TITLE});
            head_words tsvector := title_words || strip({REST_OF_HEAD});
        BEGIN
            INSERT INTO {MATCH} ({COLUMNS}) VALUES (
                NEW.page_id, NEW.published_at, NEW.kind, NEW.access_level, NEW.parent_id,
                NEW.author_id, NEW.issue_id, NEW.path, title_words, head_words,
                head_words || strip({_vector("NEW.teaser_text")}),
                head_words || strip({_vector("NEW.body_text")}))
            ON CONFLICT (page_id) DO UPDATE SET
                published_at = EXCLUDED.published_at, kind = EXCLUDED.kind,
                access_level = EXCLUDED.access_level, parent_id = EXCLUDED.parent_id,
                author_id = EXCLUDED.author_id, issue_id = EXCLUDED.issue_id,
                path = EXCLUDED.path, title_vector = EXCLUDED.title_vector,
                head_vector = EXCLUDED.head_vector, public_vector = EXCLUDED.public_vector,
                full_vector = EXCLUDED.full_vector;
            RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION utgivare_search_match_delete() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {MATCH} WHERE page_id = OLD.page_id;
            RETURN NULL;
        END $$""",
    f"""CREATE FUNCTION utgivare_search_match_truncate() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            TRUNCATE {MATCH}, {LEXEME};
            RETURN NULL;
        END $$""",
    f"CREATE TRIGGER utgivare_search_match_write AFTER INSERT OR UPDATE ON {ENTRY} "
    "FOR EACH ROW EXECUTE FUNCTION utgivare_search_match_write()",
    f"CREATE TRIGGER utgivare_search_match_delete AFTER DELETE ON {ENTRY} "
    "FOR EACH ROW EXECUTE FUNCTION utgivare_search_match_delete()",
    f"CREATE TRIGGER utgivare_search_match_truncate AFTER TRUNCATE ON {ENTRY} "
    "FOR EACH STATEMENT EXECUTE FUNCTION utgivare_search_match_truncate()",
    f'CREATE TABLE {LEXEME} (word text COLLATE "C" PRIMARY KEY)',
    # ts_stat reads each vector once in C: seconds for 100,000 pieces.
    f"INSERT INTO {LEXEME} (word) SELECT word FROM ts_stat("
    f"'SELECT full_vector || public_vector FROM {MATCH}')",
    f"""CREATE FUNCTION utgivare_search_lexeme_write() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {LEXEME} (word)
                SELECT unnest(tsvector_to_array(NEW.full_vector || NEW.public_vector))
                ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$""",
    f"CREATE TRIGGER utgivare_search_lexeme_write AFTER INSERT OR UPDATE ON {MATCH} "
    "FOR EACH ROW EXECUTE FUNCTION utgivare_search_lexeme_write()",
    # The generated vectors and their GIN indexes (search.0001, search.0002) go with them.
    f"ALTER TABLE {ENTRY} DROP COLUMN full_vector, DROP COLUMN public_vector, "
    "DROP COLUMN head_vector",
    f"ANALYZE {MATCH}",
    f"ANALYZE {LEXEME}",
]

# Back to search.0002's layout: the generated columns and their indexes again.
HEAD_WEIGHTED = (
    "setweight(to_tsvector('swedish'::regconfig, title), 'A') || "
    "setweight(to_tsvector('swedish'::regconfig, lead), 'B') || "
    "setweight(to_tsvector('swedish'::regconfig, author_name || ' ' || kicker), 'C')"
)
DROP = [
    f"DROP TABLE IF EXISTS {LEXEME}",
    "DROP FUNCTION IF EXISTS utgivare_search_lexeme_write() CASCADE",
    f"DROP TRIGGER IF EXISTS utgivare_search_match_truncate ON {ENTRY}",
    f"DROP TRIGGER IF EXISTS utgivare_search_match_delete ON {ENTRY}",
    f"DROP TRIGGER IF EXISTS utgivare_search_match_write ON {ENTRY}",
    "DROP FUNCTION IF EXISTS utgivare_search_match_truncate()",
    "DROP FUNCTION IF EXISTS utgivare_search_match_delete()",
    "DROP FUNCTION IF EXISTS utgivare_search_match_write()",
    f"DROP TABLE IF EXISTS {MATCH}",
    f"ALTER TABLE {ENTRY} ADD COLUMN head_vector tsvector "
    f"GENERATED ALWAYS AS ({HEAD_WEIGHTED}) STORED",
    f"ALTER TABLE {ENTRY} ADD COLUMN public_vector tsvector GENERATED ALWAYS AS "
    f"({HEAD_WEIGHTED} || setweight(to_tsvector('swedish'::regconfig, teaser_text), 'D')) STORED",
    f"ALTER TABLE {ENTRY} ADD COLUMN full_vector tsvector GENERATED ALWAYS AS "
    f"({HEAD_WEIGHTED} || setweight(to_tsvector('swedish'::regconfig, body_text), 'D')) STORED",
    f"CREATE INDEX search_entry_public_gin ON {ENTRY} USING gin (public_vector)",
    f"CREATE INDEX search_entry_full_gin ON {ENTRY} USING gin (full_vector)",
    f"CREATE INDEX search_entry_head_gin ON {ENTRY} USING gin (head_vector)",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("utgivare_search", "0002_head_vector_index")]

    operations = [migrations.RunPython(create, drop)]
