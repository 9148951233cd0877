"""Organisation aggregates for admins (groups under 5 suppressed), CSV export."""

from fastapi import APIRouter

router = APIRouter(prefix="/analytics", tags=["analytics"])
