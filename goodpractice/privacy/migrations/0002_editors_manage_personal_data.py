"""Editors find, export and erase a person's data (the privacy tools in the admin)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("privacy")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="privacy", codename="manage_personal_data")
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name=EDITORS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="privacy", codename="manage_personal_data"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("organisations", "0004_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
