"""Learning as a team: peer-consultation sessions (intervisie) following a named method as explicit state
(incidentmethode, roddelmethode, action learning set), whose phase rules the server enforces; cases from the members'
own work chosen by vote; the companion as facilitator of the process, never of the content; team products reviewed
by the team's expert into the team portfolio; trajectories with a schedule for several teams and the expert's
overview; and a team unit in retrieval. A session is its team's and its expert's only (404 for everyone else).
"""

from companion.teams import (
    access,
    facilitator,
    finding,
    flow,
    listing,
    methods,
    overview,
    product_drafts,
    sessions,
    taking_part,
    team_products,
)

__all__ = ["access", "facilitator", "finding", "flow", "listing", "methods", "overview", "product_drafts", "sessions",
           "taking_part", "team_products"]
