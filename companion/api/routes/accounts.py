"""Giving account (verantwoording) at the end of a period."""

from fastapi import APIRouter

router = APIRouter(prefix="/accounts", tags=["accounts"])
