"""The Jury group scores through the jury views only; stored score labels lose their values.

Model permissions on scores, conflicts and criteria let Wagtail show jurors the log
entries of those models in Reports → Site history, whose labels held every juror's
scores. The group now has the jury's own permissions (awards.JuryWork), and labels
already written lose the value that followed the criterion ("…: 4").
"""

import re

from django.contrib.auth.management import create_permissions
from django.db import migrations

JURY = "Jury"
REMOVED = (
    "view_criterion",
    "add_score",
    "change_score",
    "view_score",
    "add_conflict",
    "view_conflict",
)
ADDED = ("score_nominations", "declare_conflicts")
SCORE_VALUE = re.compile(r":\s*-?\d+\s*$")


def narrow_jury_group(apps, schema_editor):
    app_config = apps.get_app_config("awards")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=JURY).first()
    if group is None:
        return
    awards = Permission.objects.filter(content_type__app_label="awards")
    group.permissions.remove(*awards.filter(codename__in=REMOVED))
    group.permissions.add(*awards.filter(codename__in=ADDED))


def scrub_score_labels(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    score_type = ContentType.objects.filter(app_label="awards", model="score").first()
    if score_type is None:
        return
    for entry in ModelLogEntry.objects.filter(content_type=score_type).only("pk", "label"):
        label = SCORE_VALUE.sub("", entry.label)
        if label != entry.label:
            ModelLogEntry.objects.filter(pk=entry.pk).update(label=label)


def forwards(apps, schema_editor):
    narrow_jury_group(apps, schema_editor)
    scrub_score_labels(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0006_jury_work_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
