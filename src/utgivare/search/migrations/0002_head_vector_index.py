"""A GIN index on the head vector (headline, lead, byline, kicker), PostgreSQL only.

The two best ranking tiers are head matches (search.query._TIERS_POSTGRESQL); this
index finds them without reading every row when they are few. Built from the
existing column: no row is rewritten (about a second for 100,000 entries).
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_entry_head_gin "
    "ON utgivare_search_searchentry USING gin (head_vector)"
)
DROP = "DROP INDEX IF EXISTS search_entry_head_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("utgivare_search", "0001_search_index")]

    operations = [migrations.RunPython(create_index, drop_index)]
