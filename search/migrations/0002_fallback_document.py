"""The PostgreSQL full-text documents of the database fallback (search.fulltext).

The table is created on PostgreSQL only: SQLite (development) has no tsvector and keeps
the plain word match. No foreign key to the page: Django's flush (TRUNCATE of the tables
it manages) must not be refused; search/signals.py deletes a page's document.
"""

import django.contrib.postgres.search
from django.db import migrations, models

TABLE = "practice_search_fallback_document"


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE TABLE {TABLE} (
            page_id integer PRIMARY KEY,
            document tsvector NOT NULL
        );
        CREATE INDEX {TABLE}_gin ON {TABLE} USING gin (document);
        """
    )
    from search import fulltext

    fulltext.refresh_all()


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("practice_search", "0001_initial"),
        ("practices", "0005_adoption"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="FallbackDocument",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="wagtailcore.page",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"db_table": TABLE, "managed": False},
        ),
        migrations.RunPython(create_table, drop_table, elidable=False),
    ]
