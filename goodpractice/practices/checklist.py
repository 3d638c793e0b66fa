"""The content a practice needs before it is submitted for moderation.

A draft may be saved incomplete; "Submit for moderation" is refused until every item
here is filled in, so editors receive descriptions others can learn from. The page
editor shows the same list with each item done or missing.
"""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

# Buttons of the page editor that send a practice to moderation.
SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


def _filled(value):
    if isinstance(value, str):
        return bool(strip_tags(value).replace("&nbsp;", " ").strip())
    if hasattr(value, "all"):  # a queryset, or a page's in-memory many-to-many relation
        return bool(list(value.all()))
    if isinstance(value, list | tuple | set):
        return bool(value)
    return value is not None


def _has_contact(get):
    return _filled(get("contact_name")) and (
        _filled(get("contact_email")) or _filled(get("contact_phone"))
    )


# (key, label, is it done, given a function that reads a field's value)
REQUIRED_CONTENT = [
    ("summary", _("Summary"), lambda get: _filled(get("summary"))),
    ("need", _("The need it answers"), lambda get: _filled(get("need"))),
    ("description", _("What is done"), lambda get: _filled(get("description"))),
    ("results", _("Results"), lambda get: _filled(get("results"))),
    ("organisations", _("Organisation"), lambda get: _filled(get("organisations"))),
    ("themes", _("At least one theme"), lambda get: _filled(get("themes"))),
    ("target_groups", _("At least one target group"), lambda get: _filled(get("target_groups"))),
    ("evidence_level", _("Evidence level"), lambda get: _filled(get("evidence_level"))),
    (
        "contact",
        _("Contact person with an e-mail address or phone number"),
        _has_contact,
    ),
]


def checklist(get):
    """[(key, label, done)] for each required item."""
    return [(key, label, bool(is_done(get))) for key, label, is_done in REQUIRED_CONTENT]


def checklist_for_page(page):
    """The checklist of a practice as it stands (its latest saved version in the editor)."""
    return checklist(lambda name: getattr(page, name, None))


def missing_labels(get):
    return [label for _key, label, done in checklist(get) if not done]


def is_submission(data):
    return any(data.get(action) for action in SUBMIT_ACTIONS)
