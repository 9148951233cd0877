"""The weekly rhythm: plan, quick capture, weekly reflection, calendar feed."""

from fastapi import APIRouter

router = APIRouter(prefix="/weeks", tags=["weeks"])
