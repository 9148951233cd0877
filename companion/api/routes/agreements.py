"""Learning agreements between a professional and their organisation, versioned."""

from fastapi import APIRouter

router = APIRouter(prefix="/agreements", tags=["agreements"])
