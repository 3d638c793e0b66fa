from .attachment import NominationAttachment
from .decision import Decision
from .jury import Conflict, JuryMember, JuryWork, Role, Score
from .nomination import Nomination, ScreeningStatus, format_reference
from .round import Criterion, Phase, PhaseError, Round

__all__ = [
    "Conflict",
    "Criterion",
    "Decision",
    "JuryMember",
    "JuryWork",
    "Nomination",
    "NominationAttachment",
    "Phase",
    "PhaseError",
    "Role",
    "Round",
    "Score",
    "ScreeningStatus",
    "format_reference",
]
