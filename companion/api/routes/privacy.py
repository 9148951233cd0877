"""A person's own data: export all of it, erase the account."""

from fastapi import APIRouter

router = APIRouter(prefix="/privacy", tags=["privacy"])
