from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("practice_search", "0002_fallback_document")]

    operations = [
        migrations.CreateModel(
            name="RelatedPractices",
            fields=[
                (
                    "page_id",
                    models.PositiveBigIntegerField(
                        primary_key=True, serialize=False, verbose_name="page id"
                    ),
                ),
                ("related", models.TextField(default=",", verbose_name="related page ids")),
                ("computed_at", models.DateTimeField(auto_now=True, verbose_name="computed at")),
            ],
            options={
                "verbose_name": "related practices",
                "verbose_name_plural": "related practices",
            },
        ),
    ]
