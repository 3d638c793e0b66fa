from .adoption import Adoption, original_practice
from .index import PracticeIndexPage
from .practice import PracticeDocument, PracticeKeyword, PracticeLink, PracticePage, Status
from .review import ReviewReminder
from .summary import CatalogueSummary
from .taxonomy import EvidenceLevel, TargetGroup, Theme
from .thesaurus import ThesaurusConcept

__all__ = [
    "Adoption",
    "CatalogueSummary",
    "EvidenceLevel",
    "PracticeDocument",
    "PracticeIndexPage",
    "PracticeKeyword",
    "PracticeLink",
    "PracticePage",
    "ReviewReminder",
    "Status",
    "TargetGroup",
    "Theme",
    "ThesaurusConcept",
    "original_practice",
]
