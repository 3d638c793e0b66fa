from django.db import migrations, models


def create_rows(apps, schema_editor):
    # One row per language site from the start, so that the first change marks it stale.
    Summary = apps.get_model("practices", "CatalogueSummary")
    for language in ("fi", "sv", "en"):
        Summary.objects.get_or_create(language=language)


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_thesaurus_concept")]

    operations = [
        migrations.CreateModel(
            name="CatalogueSummary",
            fields=[
                (
                    "language",
                    models.CharField(
                        max_length=8, primary_key=True, serialize=False, verbose_name="language"
                    ),
                ),
                ("generation", models.PositiveBigIntegerField(default=0)),
                ("counts", models.JSONField(blank=True, null=True)),
            ],
            options={
                "verbose_name": "catalogue summary",
                "verbose_name_plural": "catalogue summaries",
            },
        ),
        migrations.RunPython(create_rows, migrations.RunPython.noop),
    ]
