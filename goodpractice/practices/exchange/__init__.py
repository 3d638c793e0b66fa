"""The practice exchange format (JSON Lines): import, export and the HTML of `body`.

The format itself is documented in docs/practice-format.md.
"""

from .exporter import export_lines, export_records, original_practices, practice_record
from .importer import ImportReport, LineError, import_practices

__all__ = [
    "ImportReport",
    "LineError",
    "export_lines",
    "export_records",
    "import_practices",
    "original_practices",
    "practice_record",
]
