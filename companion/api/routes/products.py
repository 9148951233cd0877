"""Products drafted from conversations (action plan, advice note, annual plan), downloads."""

from fastapi import APIRouter

router = APIRouter(prefix="/products", tags=["products"])
