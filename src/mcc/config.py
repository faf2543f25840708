"""One typed `Settings` for the whole application.

Every value can be set by an `MCC_`-prefixed environment variable or a `.env` file in the working
directory; the README lists them all. Derived values (the default database URL, the GraphiQL switch)
are properties so that a single setting change keeps them consistent.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"
    TEST = "test"


class LogFormat(StrEnum):
    CONSOLE = "console"
    JSON = "json"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MCC_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Environment = Field(
        default=Environment.DEVELOPMENT,
        description="development enables GraphiQL and readable logs; production turns both off.",
    )
    data_dir: Path = Field(
        default=Path("./var"), description="Where the SQLite file and other local state live."
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy async URL; default is a SQLite file in the data directory. "
        "PostgreSQL: postgresql+asyncpg://user:password@host:5432/mcc",
    )
    database_echo: bool = Field(default=False, description="Log every SQL statement.")
    host: str = Field(default="127.0.0.1", description="Interface `mcc serve` binds to.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port `mcc serve` listens on.")
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING or ERROR.")
    log_format: LogFormat | None = Field(
        default=None, description="console or json; default: console in development, else json."
    )
    graphql_max_depth: int = Field(
        default=10, ge=1, description="Deepest GraphQL query accepted (top-level fields are 0)."
    )
    graphql_max_aliases: int = Field(
        default=15, ge=1, description="Most aliases one GraphQL document may use."
    )
    today: date | None = Field(
        default=None,
        description="Pretend today is this date (YYYY-MM-DD), for tests and evaluation.",
    )
    graphiql: bool | None = Field(
        default=None, description="Serve the GraphiQL IDE at /graphql; default: in development."
    )

    @field_validator("log_level")
    @classmethod
    def _known_log_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ValueError("log_level must be DEBUG, INFO, WARNING or ERROR")
        return level

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'mcc.db').resolve()}"

    @property
    def resolved_log_format(self) -> LogFormat:
        if self.log_format is not None:
            return self.log_format
        return LogFormat.CONSOLE if self.env is Environment.DEVELOPMENT else LogFormat.JSON

    def current_date(self) -> date:
        """Today, or the fixed `MCC_TODAY`; every date the product reasons about starts here."""
        return self.today or date.today()

    @property
    def graphiql_enabled(self) -> bool:
        return self.graphiql if self.graphiql is not None else self.env is Environment.DEVELOPMENT


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process; tests build their own `Settings` instead of using this."""
    return Settings()
