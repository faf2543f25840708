"""One typed `Settings` for the whole application.

Every value can be set by an `MCC_`-prefixed environment variable or a `.env` file in the working
directory; the README lists them all. Derived values (the default database URL, the GraphiQL switch)
are properties so that a single setting change keeps them consistent.
"""

from __future__ import annotations

import os
import secrets
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"
    TEST = "test"


class EmbedderKind(StrEnum):
    LOCAL = "local"
    OPENAI = "openai"
    OLLAMA = "ollama"
    BEDROCK = "bedrock"
    NONE = "none"


class EmbedderRuntime(StrEnum):
    ONNX = "onnx"
    TORCH = "torch"


class WorkManagementBackend(StrEnum):
    NONE = "none"
    WORKFRONT = "workfront"
    ASANA = "asana"


class AsanaAuthMethod(StrEnum):
    PAT = "pat"  # a personal access token (or any long-lived bearer token)
    OAUTH = "oauth"  # an OAuth app's refresh token, exchanged for 1-hour access tokens


class WorkfrontAuthMethod(StrEnum):
    API_KEY = "api_key"
    OAUTH = "oauth"
    IMS = "ims"


DEFAULT_WORKFRONT_CUSTOM_FIELDS = {
    "objective": "DE:MCC Objective",
    "audience": "DE:MCC Target Audience",
    "budget": "DE:MCC Budget",
    "tier": "DE:MCC Tier",
    "campaign_type": "DE:MCC Campaign Type",
}


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

    # -- the assistant --------------------------------------------------------------------------
    llm_model: str | None = Field(
        default=None,
        description="The assistant's LLM as provider:model (anthropic:claude-sonnet-4-5, "
        "openai:gpt-4.1, bedrock:...); unset runs the offline rules engine.",
    )
    llm_base_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible endpoint for MCC_LLM_MODEL (Ollama, vLLM), e.g. "
        "http://localhost:11434/v1.",
    )
    llm_api_key: SecretStr | None = Field(
        default=None,
        description="API key for MCC_LLM_MODEL; default: the provider's own variable "
        "(ANTHROPIC_API_KEY, OPENAI_API_KEY).",
    )
    agent_min_relevance: float = Field(
        default=0.6,
        ge=0,
        le=1,
        description="Share of a question's topic words a playbook passage must contain to be "
        "used in an answer; below it the assistant says the playbooks don't cover it.",
    )
    tier_policy_file: Path | None = Field(
        default=None,
        description="An admin-edited tier policy (YAML, or Markdown with a tier-policy block); "
        "default: the bundled Campaign Tier Definitions playbook.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs session cookies and CSRF tokens; default: generated once and kept in "
        "MCC_DATA_DIR/secret_key (mode 0600). Set it when several servers share sign-ins.",
    )
    session_days: int = Field(
        default=14, ge=1, le=365, description="How long a browser stays signed in."
    )

    # -- single sign-on (OpenID Connect) and account protection: README "Single sign-on" ---------
    oidc_issuer: str | None = Field(
        default=None,
        description="The identity provider's issuer URL (its /.well-known/openid-configuration "
        "is read from there); set it with the client id to show 'Sign in with SSO'.",
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="When set, /metrics answers only requests with 'Authorization: Bearer "
        "<token>' (it carries organisation-wide pilot figures); unset, it is open, for a "
        "scraper on a private network.",
    )
    oidc_client_id: str | None = Field(default=None, description="This app's client id at the IdP.")
    oidc_client_secret: SecretStr | None = Field(
        default=None, description="The client secret (confidential client; PKCE is always used)."
    )
    oidc_scopes: str = Field(
        default="openid email profile groups", description="Scopes asked for, space-separated."
    )
    oidc_groups_claim: str = Field(
        default="groups", description="The ID token claim that lists the user's groups."
    )
    oidc_groups: str = Field(
        default="",
        description="Groups to teams and roles: 'GROUP=TEAM:ROLE,...' (TEAM '*' = no team, for "
        "admins), e.g. 'mcc-emea-marketers=EMEA:marketer,mcc-admins=*:admin'. A user in none "
        "of these groups is refused.",
    )
    oidc_redirect_url: str | None = Field(
        default=None,
        description="The callback URL registered at the IdP; default: MCC_PUBLIC_URL (or the "
        "request's own address) + /signin/sso/callback.",
    )
    local_passwords: bool = Field(
        default=True,
        description="Allow email + password sign-in; false hides the form and refuses it (SSO "
        "only; API tokens keep working).",
    )
    signin_account_failures: int = Field(
        default=5, ge=1, description="Failed sign-ins per account within the window before 429."
    )
    signin_client_failures: int = Field(
        default=20, ge=1, description="Failed sign-ins per client IP within the window before 429."
    )
    signin_window_seconds: int = Field(
        default=900, ge=1, description="The sliding window the failure limits count over."
    )
    stream_recheck_seconds: float = Field(
        default=5.0,
        gt=0,
        description="How often an open live stream (SSE, GraphQL WebSocket) re-checks its "
        "credential; sign-outs in this process close streams at once.",
    )

    # -- knowledge base ---------------------------------------------------------------------------
    embedder: EmbedderKind = Field(
        default=EmbedderKind.LOCAL,
        description="local (all-MiniLM-L6-v2, offline), openai (any OpenAI-compatible "
        "endpoint), ollama, bedrock (Titan), or none (BM25 only).",
    )
    embedder_runtime: EmbedderRuntime = Field(
        # ONNX is the default: 4.5x torch's passages per second on 2 cores at equal retrieval
        # quality (README, Embedding speed). Its first-use build runs in a child process while
        # keyword search answers, so a newcomer's server stays responsive (tests/test_newcomer.py).
        default=EmbedderRuntime.ONNX,
        description="How the local model runs: onnx (int8 on ONNX Runtime, built from the "
        "shipped weights at first use and cached, about 4.5x torch's speed) or torch "
        "(sentence-transformers, float32).",
    )
    embedder_cache_dir: Path | None = Field(
        default=None,
        description="Where the local model's ONNX build is cached; default: "
        "$XDG_CACHE_HOME/mcc or ~/.cache/mcc, shared by every data directory on the machine.",
    )
    embedder_model: str | None = Field(
        default=None, description="Model name for openai/ollama/bedrock embedders."
    )
    embedder_url: str | None = Field(
        default=None, description="Endpoint for openai/ollama embedders (Bedrock: its endpoint)."
    )
    embedder_api_key: SecretStr | None = Field(
        default=None, description="API key (openai) or Bedrock API key (bearer token)."
    )
    embedder_region: str = Field(default="us-east-1", description="AWS region for bedrock.")
    knowledge_max_bytes: int = Field(
        default=20 * 1024 * 1024, ge=1024, description="Largest document accepted for ingestion."
    )
    knowledge_max_text_chars: int = Field(
        default=2_000_000, ge=1000,
        description="Most text one document may yield once extracted (PDF, DOCX, HTML...); "
        "more is refused with 413.",
    )  # fmt: skip
    portfolio_window_days: int = Field(
        default=14, ge=0, le=365,
        description="Launches this many days apart or closer, for the same audience or on a "
        "shared channel, are flagged as colliding (a warning; it never blocks).",
    )  # fmt: skip
    portfolio_quarter_budget_cap: Decimal | None = Field(
        default=None, ge=0,
        description="Most one team's campaigns launching in one quarter should cost together "
        "(in MCC_PORTFOLIO_CAP_CURRENCY); over it, a warning. Default: no cap.",
    )  # fmt: skip
    portfolio_cap_currency: str = Field(
        default="USD", pattern=r"^[A-Z]{3}$", description="The currency of the quarter cap."
    )
    knowledge_load_bundled: bool = Field(
        default=True,
        description="Load the bundled playbooks into an empty knowledge base at start-up.",
    )

    # -- work management (Workfront) -----------------------------------------------------------
    workmgmt_backend: WorkManagementBackend = Field(
        default=WorkManagementBackend.NONE,
        description="Where campaigns become projects: none, workfront or asana. With none, "
        "campaigns queue their project creation until a backend is configured.",
    )
    workfront_url: str | None = Field(
        default=None, description="Workfront base URL, e.g. https://acme.my.workfront.com"
    )
    workfront_api_version: str = Field(default="21.0", description="Pinned API version.")
    workfront_auth: WorkfrontAuthMethod = Field(
        default=WorkfrontAuthMethod.API_KEY, description="api_key, oauth or ims."
    )
    workfront_api_key: SecretStr | None = Field(default=None, description="For api_key auth.")
    workfront_oauth_client_id: str | None = Field(default=None, description="For oauth auth.")
    workfront_oauth_client_secret: SecretStr | None = Field(default=None, description="oauth.")
    workfront_oauth_refresh_token: SecretStr | None = Field(default=None, description="oauth.")
    workfront_ims_url: str = Field(
        default="https://ims-na1.adobelogin.com", description="Adobe IMS host for ims auth."
    )
    workfront_ims_client_id: str | None = Field(default=None, description="For ims auth.")
    workfront_ims_client_secret: SecretStr | None = Field(default=None, description="ims.")
    workfront_ims_org_id: str | None = Field(default=None, description="ims: ...@AdobeOrg")
    workfront_ims_scopes: str = Field(
        default="openid,AdobeID,read_organizations,additional_info.projectedProductContext",
        description="ims: scopes from your Developer Console credential.",
    )
    workfront_ui_url: str | None = Field(
        default=None, description="Where people open projects (default: workfront_url)."
    )
    workfront_templates: dict[str, str] = Field(
        default_factory=dict,
        description='Template IDs by campaign type or tier: {"email": "...", "tier1": "..."}',
    )
    workfront_custom_fields: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_WORKFRONT_CUSTOM_FIELDS),
        description="Custom field (DE:) names for objective, audience, budget, tier, "
        "campaign_type; {} writes none.",
    )
    workfront_concurrency: int = Field(default=10, ge=1, description="Requests in flight at once.")
    workfront_timeout_seconds: float = Field(default=30.0, gt=0, description="Per request.")
    workfront_max_retries: int = Field(default=5, ge=0, description="Retries of one request.")
    workfront_retry_base_seconds: float = Field(
        default=0.5, ge=0, description="First retry delay; doubles each retry (with jitter)."
    )
    # -- work management (Asana) ---------------------------------------------------------------
    asana_url: str = Field(
        default="https://app.asana.com/api/1.0", description="Asana API base URL (no trailing /)."
    )
    asana_auth: AsanaAuthMethod = Field(default=AsanaAuthMethod.PAT, description="pat or oauth.")
    asana_token: SecretStr | None = Field(default=None, description="pat: the access token.")
    asana_oauth_url: str = Field(
        default="https://app.asana.com/-/oauth_token", description="oauth: the token endpoint."
    )
    asana_oauth_client_id: str | None = Field(default=None, description="For oauth auth.")
    asana_oauth_client_secret: SecretStr | None = Field(default=None, description="oauth.")
    asana_oauth_refresh_token: SecretStr | None = Field(default=None, description="oauth.")
    asana_workspace: str | None = Field(default=None, description="Workspace gid (required).")
    asana_team: str | None = Field(
        default=None, description="Team gid: projects are created in it (needed in organizations)."
    )
    asana_templates: dict[str, str] = Field(
        default_factory=dict,
        description="Project template gids by campaign type or tier: "
        '{"email": "...", "tier1": "..."}',
    )
    asana_custom_fields: dict[str, str] = Field(
        default_factory=dict,
        description="Text custom field gids for objective, audience, budget, tier, campaign_type; "
        "{} (the default) writes none.",
    )
    asana_max_retries: int = Field(default=5, ge=0, description="Retries of one request.")
    asana_retry_base_seconds: float = Field(
        default=0.5, ge=0, description="First retry delay without Retry-After; doubles each retry."
    )
    public_url: str | None = Field(
        default=None,
        description="This server's URL as the work-management system reaches it; webhooks are "
        "registered at PUBLIC_URL/webhooks/<backend> by `mcc sync subscribe`.",
    )
    webhook_token: SecretStr | None = Field(
        default=None,
        description="The authToken Workfront sends back with each event (default: generated "
        "once and kept in MCC_DATA_DIR/webhook_token).",
    )
    webhook_max_bytes: int = Field(
        default=1_048_576, ge=1024, description="Largest webhook body accepted (413 beyond)."
    )
    uptime_check_seconds: float = Field(
        default=30.0,
        ge=0,
        description="How often the server records a health check for the pilot's availability "
        "figure (0: never).",
    )
    run_workers: bool = Field(
        default=True, description="Run the outbox, inbox and reconciler inside `mcc serve`."
    )
    reconcile_seconds: float = Field(
        default=60.0, gt=0, description="How often the reconciler repairs missed events."
    )
    outbox_max_attempts: int = Field(default=8, ge=1, description="Attempts before a dead letter.")
    outbox_poll_seconds: float = Field(
        default=1.0, gt=0, description="How often idle workers look for due work."
    )
    inbox_batch_size: int = Field(
        default=100, ge=1, le=1000, description="Webhook events applied per transaction at most."
    )

    @model_validator(mode="after")
    def _someone_can_sign_in(self) -> Settings:
        if not self.local_passwords and not self.oidc_enabled:
            raise ValueError(
                "MCC_LOCAL_PASSWORDS=false needs SSO: set MCC_OIDC_ISSUER and MCC_OIDC_CLIENT_ID"
            )
        return self

    @property
    def oidc_enabled(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

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

    def resolved_webhook_token(self) -> str:
        """The webhook token, generated and kept in the data directory when not configured."""
        if self.webhook_token is not None:
            token = self.webhook_token.get_secret_value()
        else:
            token = _persistent_secret(self.data_dir / "webhook_token")
        if len(token.strip()) < MIN_WEBHOOK_TOKEN:
            # An empty token would let anyone post events: refuse to run rather than accept.
            raise ValueError(
                f"MCC_WEBHOOK_TOKEN must be at least {MIN_WEBHOOK_TOKEN} characters "
                "(unset it to have one generated)"
            )
        return token

    @property
    def graphiql_enabled(self) -> bool:
        return self.graphiql if self.graphiql is not None else self.env is Environment.DEVELOPMENT


MIN_WEBHOOK_TOKEN = 16


def _persistent_secret(path: Path) -> str:
    """A random secret created on first use and kept (mode 0600) so restarts reuse it. An
    empty file (a crash while writing) is replaced; a second process starting at the same
    moment reads the first one's secret."""
    if path.exists() and path.read_text().strip():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(32)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secret)
    try:
        os.link(temporary, path)  # atomic: fails if another process got there first
    except FileExistsError:
        if not path.read_text().strip():
            os.replace(temporary, path)
            return secret
        return path.read_text().strip()
    finally:
        temporary.unlink(missing_ok=True)
    return secret


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process; tests build their own `Settings` instead of using this."""
    return Settings()
