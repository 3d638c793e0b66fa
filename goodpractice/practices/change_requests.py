"""The editor's request for changes to a practice, as the contributor needs to read it."""

from wagtail.models import WorkflowState


def change_request(page):
    """(comment, editor, when) of the editor's request for changes, while the practice
    waits for them; None once it is resubmitted (or when no changes were requested)."""
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("current_task_state__finished_by")
        .order_by("-created_at")
        .first()
    )
    task_state = state.current_task_state if state else None
    if task_state is None:
        return None
    return task_state.comment, task_state.finished_by, task_state.finished_at
