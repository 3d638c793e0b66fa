from .index import PracticeIndexPage
from .practice import PracticeDocument, PracticeKeyword, PracticeLink, PracticePage, Status
from .taxonomy import EvidenceLevel, TargetGroup, Theme

__all__ = [
    "EvidenceLevel",
    "PracticeDocument",
    "PracticeIndexPage",
    "PracticeKeyword",
    "PracticeLink",
    "PracticePage",
    "Status",
    "TargetGroup",
    "Theme",
]
