"""SQL tables: the source of truth (the vector index is derived from these).

One module per area; importing this package registers every table on `Base.metadata`.
"""

from .accountability import Account, SurveyResponse  # noqa: F401
from .core import (  # noqa: F401
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
from .knowledge import (  # noqa: F401
    KnowledgeChunk,
    KnowledgeDocument,
    KnowledgeDocumentTeam,
    KnowledgeDocumentTrajectory,
    KnowledgeVersion,
)
from .review import DECISIONS, SUGGESTION_STATUSES, AuditEvent, Review, Suggestion  # noqa: F401
from .rhythm import (  # noqa: F401
    AGREEMENT_STATUSES,
    EXPERIMENT_OUTCOMES,
    AgreementVersion,
    LearningAgreement,
    QuickCapture,
    RhythmPreference,
    WeekCycle,
)
from .security import LoginThrottle, RevokedToken, TokenGeneration, UsageCounter  # noqa: F401
