"""Settings: one object, read from the environment and an optional .env file."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Every knob of the companion; each field maps to a COMPANION_* variable unless noted."""

    model_config = SettingsConfigDict(env_prefix="COMPANION_", env_file=".env", extra="ignore")

    env: Literal["development", "production"] = "development"
    data_dir: Path = Path("data")
    database_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite in data_dir if unset")
    database_pool_size: int = Field(default=20, ge=1, le=500,
                                    description="PostgreSQL: connections a worker keeps open (as many again at peaks)")
    chroma_url: str | None = Field(default=None, description="http(s)://host:port of a Chroma server")
    secret_key: SecretStr = SecretStr(DEV_SECRET)
    token_minutes: int = 8 * 60
    demo: bool = False
    fake_now: str | None = Field(default=None, description="demo/test only: start the clock at this ISO time")

    # LLM: OPENAI_* are read without our prefix so the usual variables just work.
    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    chat_model: str = "gpt-4o-mini"
    llm_timeout: float = 60.0
    llm_connect_timeout: float = 5.0
    llm_max_retries: int = 2
    llm_retry_backoff: float = 0.5
    llm_breaker_failures: int = 3
    llm_breaker_cooldown: float = 30.0
    context_tokens: int = 6000

    embeddings: Literal["e5", "use", "openai", "sentence-transformers"] = "e5"
    openai_embedding_model: str = "text-embedding-3-small"
    embedding_model_path: Path | None = Field(
        default=None, description="folder of a sentence-transformers model on disk (never downloaded)")
    embedding_query_prefix: str = Field(default="", description="e.g. 'query: ' for e5-family models")
    embedding_passage_prefix: str = Field(default="", description="e.g. 'passage: ' for e5-family models")

    max_message_chars: int = 4000
    max_upload_bytes: int = 20_000_000
    max_request_bytes: int = Field(default=5_000_000, description="any request body; larger ones get 413")

    # limits per person and per client (0 switches a limit off); counted in the database
    login_max_failures: int = Field(default=5, description="failed logins per username before a lockout")
    login_max_failures_per_ip: int = Field(default=30, description="failed logins per client address")
    login_lockout_minutes: int = Field(default=15, description="the failure window and the lockout length")
    chat_messages_per_minute: int = 20
    daily_token_budget: int = Field(default=200_000, description="model tokens (prompt + reply) per person per day")
    search_k: int = 5

    # operations (docs/operations.md)
    reply_claim_seconds: float | None = Field(
        default=None, description="how long a worker's claim on answering a message holds; default llm_timeout + 30")
    metrics_token: SecretStr | None = Field(default=None, description="/metrics is off unless set (Bearer token)")
    log_format: Literal["text", "json"] = "text"

    # xAPI to a Learning Record Store (docs/xapi.md); where it goes is each organisation's setting
    xapi_send_interval: float = Field(default=60.0, description="seconds between the API's sends; 0: only the CLI")
    xapi_batch_size: int = Field(default=50, description="statements per POST")
    xapi_timeout: float = Field(default=10.0, description="seconds to wait for the LRS")
    xapi_max_attempts: int = Field(default=5, description="a refused statement is dead after this many attempts")

    api_url: str = "http://127.0.0.1:8000"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    knowledge_dir: Path = PROJECT_ROOT / "knowledge"

    @model_validator(mode="after")
    def _refuse_dev_secret_in_production(self) -> Settings:
        if self.env == "production" and self.secret_key.get_secret_value() == DEV_SECRET:
            raise ValueError("COMPANION_SECRET_KEY must be set to a real secret when COMPANION_ENV=production")
        if self.env == "production" and len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("COMPANION_SECRET_KEY must be at least 32 characters when COMPANION_ENV=production")
        if self.env == "production" and self.demo:
            raise ValueError("COMPANION_DEMO cannot be enabled when COMPANION_ENV=production")
        if self.env == "production" and self.fake_now:
            raise ValueError("COMPANION_FAKE_NOW cannot be set when COMPANION_ENV=production")
        return self

    @property
    def llm_enabled(self) -> bool:
        return self.openai_api_key is not None and bool(self.openai_api_key.get_secret_value())

    @cached_property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'companion.db').resolve()}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"


def get_settings() -> Settings:
    """Settings from the current environment (not cached: tests change it)."""
    return Settings()
