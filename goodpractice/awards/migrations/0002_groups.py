"""The Secretariat and Jury groups with their model permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
ALL = ("add", "change", "delete", "view")

GROUPS = {
    # The prize's editors: run rounds, screen nominations, assign the jury and publish
    # the announcement. They read scores and the decision but do not write them.
    "Secretariat": [
        ADMIN_ACCESS,
        *(("awards", f"{action}_{model}") for model in (
            "round", "criterion", "jurymember", "nomination", "conflict"
        ) for action in ALL),
        ("awards", "view_score"),
        ("awards", "view_decision"),
        ("organisations", "view_organisation"),
    ],
    # Jurors score through the jury views, which also require membership of the round;
    # these permissions are the ceiling, membership decides which rounds.
    "Jury": [
        ADMIN_ACCESS,
        ("awards", "view_criterion"),
        ("awards", "add_score"),
        ("awards", "change_score"),
        ("awards", "view_score"),
        ("awards", "add_conflict"),
        ("awards", "view_conflict"),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; create them now so the
    # groups can be given them on a fresh database.
    for label in ("awards", "organisations"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in codes:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisations", "0002_personal_identity_code_guard"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
