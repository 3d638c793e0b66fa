"""One guard for every spreadsheet the site exports: text never runs as a formula.

Titles, names and comments are users' text; a spreadsheet program runs a cell that
starts with one of FORMULA_PREFIXES as a formula (CSV injection). The guard quotes such
text. It covers the project's own exports (awards/exports.py) and, through Wagtail's
SpreadsheetExportMixin, every report Wagtail or the project builds on it: site history,
aging pages, workflow, practices to review, practices by status.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """The value, with text that a spreadsheet would run as a formula quoted."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def guard_wagtail_exports():
    """Pass every cell of Wagtail's exports through neutralise (once, at start-up)."""
    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "neutralises_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value.neutralises_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
