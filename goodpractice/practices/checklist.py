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


# (key, label, fields): the item is done when, in each group of fields, at least one is
# filled in. The page editor's script (static/practices/submission_checklist.js) reads the
# same groups to tick items off as the form is filled.
REQUIRED_CONTENT = [
    ("summary", _("Summary"), [["summary"]]),
    ("need", _("The need it answers"), [["need"]]),
    ("description", _("What is done"), [["description"]]),
    ("results", _("Results"), [["results"]]),
    ("organisations", _("Organisation"), [["organisations"]]),
    ("themes", _("At least one theme"), [["themes"]]),
    ("target_groups", _("At least one target group"), [["target_groups"]]),
    ("evidence_level", _("Evidence level"), [["evidence_level"]]),
    (
        "contact",
        _("Contact person with an e-mail address or phone number"),
        [["contact_name"], ["contact_email", "contact_phone"]],
    ),
]
FIELD_GROUPS = {key: groups for key, _label, groups in REQUIRED_CONTENT}


def _done(get, groups):
    return all(any(_filled(get(name)) for name in group) for group in groups)


def field_of_item(key):
    """The form field where a missing item's error is shown (and counted on its tab)."""
    return FIELD_GROUPS[key][0][0]


def checklist(get):
    """[(key, label, done)] for each required item."""
    return [(key, label, _done(get, groups)) for key, label, groups in REQUIRED_CONTENT]


def checklist_for_page(page):
    """The checklist of a practice as it stands (its latest saved version in the editor)."""
    return checklist(lambda name: getattr(page, name, None))


def missing_items(get):
    """[(key, label)] of the items not done yet."""
    return [(key, label) for key, label, done in checklist(get) if not done]


def is_submission(data):
    return any(data.get(action) for action in SUBMIT_ACTIONS)
