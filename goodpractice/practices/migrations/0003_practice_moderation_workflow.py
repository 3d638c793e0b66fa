"""The "Practice moderation" workflow: one approval task for the Editors group, assigned to
the practice index of every language. Site setup assigns it to indexes created later."""

from django.db import migrations

WORKFLOW_NAME = "Käytäntöjen moderointi / Moderering av praxis / Practice moderation"
TASK_NAME = "Toimituksen hyväksyntä / Redaktionens godkännande / Approval by the editors"
EDITORS = "Editors"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PracticeIndexPage = apps.get_model("practices", "PracticeIndexPage")

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME, content_type=task_type, active=True
        )
    task.groups.add(editors)

    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in PracticeIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        apps.get_model("wagtailcore", "WorkflowPage").objects.filter(workflow=workflow).delete()
        apps.get_model("wagtailcore", "WorkflowTask").objects.filter(workflow=workflow).delete()
        workflow.delete()
    Task.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_personal_identity_code_guard"),
        ("organisations", "0004_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
