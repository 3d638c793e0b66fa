"""Existing nominations keep being scored by their round's whole jury, as before assignments."""

from django.db import migrations


def assign_whole_jury(apps, schema_editor):
    Nomination = apps.get_model("awards", "Nomination")
    JuryMember = apps.get_model("awards", "JuryMember")
    Assignment = Nomination.assigned_members.through
    members = {}
    for member_id, round_id in JuryMember.objects.values_list("pk", "round_id"):
        members.setdefault(round_id, []).append(member_id)
    Assignment.objects.bulk_create(
        [
            Assignment(nomination_id=nomination_id, jurymember_id=member_id)
            for nomination_id, round_id in Nomination.objects.values_list("pk", "round_id")
            for member_id in members.get(round_id, [])
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_attachments_and_assignments")]

    operations = [migrations.RunPython(assign_whole_jury, migrations.RunPython.noop)]
