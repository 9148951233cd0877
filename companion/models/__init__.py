"""SQL tables: the source of truth (the vector index is derived from these).

One module per area; importing this package registers every table on `Base.metadata`.
"""

from companion.models.accountability import ACCOUNT_SECTIONS, COMMITMENT_MARKS, Account, SurveyResponse
from companion.models.core import (
    ENTRY_KINDS,
    ROLES,
    VISIBILITIES,
    Base,
    Conversation,
    ExpertTeam,
    Message,
    Organisation,
    Person,
    PortfolioEntry,
    Team,
    Timestamped,
    Trajectory,
    TrajectoryTeam,
    WorkSituation,
    utcnow,
)
from companion.models.knowledge import (
    KnowledgeChunk,
    KnowledgeDocument,
    KnowledgeDocumentTeam,
    KnowledgeDocumentTrajectory,
    KnowledgeVersion,
)
from companion.models.review import (
    DECISIONS,
    SENT_STATUSES,
    SHARE_SCOPES,
    SUGGESTION_STATUSES,
    AuditEvent,
    Review,
    Suggestion,
)
from companion.models.rhythm import (
    AGREEMENT_STATUSES,
    EXPERIMENT_OUTCOMES,
    AgreementVersion,
    LearningAgreement,
    QuickCapture,
    RhythmPreference,
    WeekCycle,
)
from companion.models.security import LoginThrottle, RevokedToken, TokenGeneration, UsageCounter
from companion.models.seeding import SeedStep

__all__ = [
    "ACCOUNT_SECTIONS", "AGREEMENT_STATUSES", "Account", "AgreementVersion", "AuditEvent", "Base", "COMMITMENT_MARKS",
    "Conversation", "DECISIONS", "ENTRY_KINDS", "EXPERIMENT_OUTCOMES", "ExpertTeam", "KnowledgeChunk",
    "KnowledgeDocument", "KnowledgeDocumentTeam", "KnowledgeDocumentTrajectory", "KnowledgeVersion",
    "LearningAgreement", "LoginThrottle", "Message", "Organisation", "Person", "PortfolioEntry", "QuickCapture",
    "ROLES", "Review", "RevokedToken", "RhythmPreference", "SENT_STATUSES", "SHARE_SCOPES", "SUGGESTION_STATUSES",
    "SeedStep", "Suggestion", "SurveyResponse", "Team", "Timestamped", "TokenGeneration", "Trajectory",
    "TrajectoryTeam", "UsageCounter", "VISIBILITIES", "WeekCycle", "WorkSituation", "utcnow",
]
