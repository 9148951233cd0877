"""AI suggestions and the expert review queue: approve, edit then approve, reject."""

from fastapi import APIRouter

router = APIRouter(prefix="/suggestions", tags=["suggestions"])
