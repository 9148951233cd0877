"""Types of the operations endpoints: liveness and readiness."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Live(BaseModel):
    status: Literal["alive"] = "alive"
    worker: str = Field(description="host:pid of the worker that answered")


class Ready(BaseModel):
    status: Literal["ready", "not_ready"]
    checks: dict[str, bool] = Field(description="database, migrations, index: True when fine")
    reasons: list[str] = Field(default_factory=list, description="why not ready (empty when ready)")
