"""The short pulse survey."""

from fastapi import APIRouter

router = APIRouter(prefix="/surveys", tags=["surveys"])
