"""The reflection cycles a conversation can follow, with their phases and what each phase needs."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from companion.api.deps import PrincipalDep, ServicesDep
from companion.api.schemas.general import CycleOut
from companion.reflection import cycles

router = APIRouter(prefix="/cycles", tags=["conversations"])


@router.get("", response_model=list[CycleOut])
def list_cycles(me: PrincipalDep, services: ServicesDep, language: Literal["nl", "en"] | None = None) -> list[CycleOut]:
    """ALACT, STARR(T) and Gibbs: a one-line summary each, and their phases and slots (in your language)."""
    return [CycleOut(**c) for c in cycles.catalogue(services.settings.prompts_dir, language or me.language)]
