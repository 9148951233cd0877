"""SQL tables: the source of truth (the vector index is derived from these).

One module per area; importing this package registers every table on `Base.metadata`.
"""

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
from .knowledge import KnowledgeChunk, KnowledgeDocument  # noqa: F401
