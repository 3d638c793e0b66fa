"""The moderation workflow of practices: contributors submit, editors approve or ask for changes.

The workflow itself is Wagtail's (created by a data migration); this module names it and
assigns it to practice indexes, so every practice below them is moderated by the editors.
Wagtail picks the workflow of a page's nearest ancestor, which overrides its default
workflow on the root page.
"""

from wagtail.models import Workflow, WorkflowPage

# Workflow and task names are single strings in Wagtail; the admin shows them as they are
# to users of every language, so they carry all three.
WORKFLOW_NAME = "Käytäntöjen moderointi / Moderering av praxis / Practice moderation"
TASK_NAME = "Toimituksen hyväksyntä / Redaktionens godkännande / Approval by the editors"
EDITORS = "Editors"


def practice_workflow():
    return Workflow.objects.filter(name=WORKFLOW_NAME).first()


def assign_practice_workflow(index_pages):
    """Moderate the practices below these indexes, unless they already have a workflow."""
    workflow = practice_workflow()
    if workflow is None:
        return
    for page in index_pages:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
