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
from companion.models.security import (
    ApiKey,
    ApiKeyEvent,
    LoginThrottle,
    RevokedToken,
    TokenGeneration,
    UsageCounter,
)
from companion.models.seeding import SeedStep
from companion.models.teams import (
    SESSION_METHODS,
    SESSION_MODES,
    TEAM_PRODUCT_STATUSES,
    TeamCase,
    TeamContribution,
    TeamProduct,
    TeamProductComment,
    TeamSeen,
    TeamSession,
    TeamVote,
    TrajectorySession,
)
from companion.models.workers import LexicalItem, LexicalUnit, ReplyClaim
from companion.models.xapi import XAPI_STATUSES, XapiPreference, XapiSettings, XapiStatement

__all__ = [
    "ACCOUNT_SECTIONS", "AGREEMENT_STATUSES", "Account", "AgreementVersion", "ApiKey", "ApiKeyEvent", "AuditEvent",
    "Base", "COMMITMENT_MARKS",
    "Conversation", "DECISIONS", "ENTRY_KINDS", "EXPERIMENT_OUTCOMES", "ExpertTeam", "KnowledgeChunk",
    "KnowledgeDocument", "KnowledgeDocumentTeam", "KnowledgeDocumentTrajectory", "KnowledgeVersion",
    "LearningAgreement", "LexicalItem", "LexicalUnit", "LoginThrottle",
    "Message", "Organisation", "Person", "PortfolioEntry", "QuickCapture",
    "ROLES", "ReplyClaim", "Review", "RevokedToken", "RhythmPreference",
    "SENT_STATUSES", "SHARE_SCOPES", "SUGGESTION_STATUSES",
    "SeedStep", "Suggestion", "SurveyResponse", "Team", "Timestamped", "TokenGeneration", "Trajectory",
    "TrajectoryTeam", "UsageCounter", "VISIBILITIES", "WeekCycle", "WorkSituation", "utcnow",
]
__all__ += ["SESSION_METHODS", "SESSION_MODES", "TEAM_PRODUCT_STATUSES", "TeamCase", "TeamContribution", "TeamProduct",
            "TeamProductComment", "TeamSeen", "TeamSession", "TeamVote", "TrajectorySession"]
__all__ += ["XAPI_STATUSES", "XapiPreference", "XapiSettings", "XapiStatement"]
