"""Environment settings and the `twokey.yml` model.

Everything from outside the process is validated here, once, so the rest of
the code can trust its inputs. A broken file raises `ConfigError` with one
readable line (file, key path, problem) instead of a traceback.
"""

from __future__ import annotations

import ipaddress
import re
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.durations import duration_seconds

# The domain words live in `core`; the risk engine still imports them from here.
from core.domain import RISK_ORDER as RISK_ORDER
from core.domain import VERDICT_ORDER as VERDICT_ORDER
from core.domain import Classification as Classification
from core.domain import ConfigError as ConfigError
from core.domain import Risk as Risk
from core.domain import Verdict as Verdict

EXAMPLE_CONFIG = Path(__file__).parent / "defaults" / "example.yml"
DEFAULT_DATABASE_URL = "sqlite:///./twokey.db"


def parse_duration(value: Any) -> float:
    """Seconds from `90`, `"90s"`, `"30m"`, `"2h"`, `"1d"` or `"2w"` (`bot.durations`)."""
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 30m, 2h or 90 (seconds)")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        read = duration_seconds(str(value))
        if read is None:
            raise ValueError(f"{value!r} is not a duration; use e.g. 90, 45s, 30m, 2h, 1d")
        seconds = read
    if seconds <= 0:
        raise ValueError("a duration must be positive")
    return seconds


Duration = Annotated[float, BeforeValidator(parse_duration)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SlackConfig(_Strict):
    approvals_channel: str | None = None
    """Channel id (or #name) where approval cards are posted."""
    admins: list[str] = Field(default_factory=list)
    """Slack user ids who may query history with /twokey."""
    admin_usergroup: str | None = None
    dm_data_owners: bool = False
    """Also DM each involved resource's owner (when the owner is a Slack user id)."""


class AgentConfig(_Strict):
    name: str = Field(min_length=1)
    slack_bot_ids: list[str] = Field(default_factory=list)
    slack_user_ids: list[str] = Field(default_factory=list)
    always_require_approval: bool = False
    """Every instruction from this agent needs a person, whatever its risk."""
    description: str = ""
    """For people reading the file; TwoKey never reads it."""


class ApproverGroup(_Strict):
    users: list[str] = Field(default_factory=list)
    usergroup: str | None = None
    """A Slack user group id (S…); members are resolved at decision time."""
    description: str = ""
    """For people reading the file; TwoKey never reads it."""

    @model_validator(mode="after")
    def _not_empty(self) -> ApproverGroup:
        if not self.users and not self.usergroup:
            raise ValueError("an approver group needs `users` or a `usergroup`")
        return self


class RuleConfig(_Strict):
    """A customer rule: a regular expression over the normalized instruction."""

    id: str = Field(min_length=1)
    category: str = "custom"
    verdict: Verdict = "require_approval"
    risk: Risk = "high"
    pattern: str
    reason: str
    match: list[str] = Field(default_factory=list)
    not_match: list[str] = Field(default_factory=list)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"invalid regular expression: {exc}") from exc
        return value


class Quorum(_Strict):
    low: int = Field(1, ge=1)
    medium: int = Field(1, ge=1)
    high: int = Field(1, ge=1)
    critical: int = Field(2, ge=1)

    def for_risk(self, risk: str) -> int:
        return int(getattr(self, risk))


class PolicyConfig(_Strict):
    default_timeout: Duration = 1800.0
    reminder_after: Duration | None = 600.0
    escalate_after: Duration | None = 1200.0
    escalation_group: str | None = None
    default_approver_group: str | None = None
    quorum: Quorum = Quorum()
    confidence_threshold: float = Field(0.7, ge=0.0, le=1.0)
    """Below this agent confidence, medium-risk instructions need approval too."""
    require_requester_confirmation: bool = True
    """The employee confirms (with a justification) before approvers are asked."""
    block_risk: Risk | None = None
    """Findings at or above this risk are blocked outright instead of held."""
    company_domains: list[str] = Field(default_factory=list)
    """Email domains that count as inside the company when sharing is detected."""
    rules: list[RuleConfig] = Field(default_factory=list)
    max_text_bytes: int = Field(65536, ge=256)
    execution_token_ttl: Duration = 900.0
    allow_unseen_arguments: list[str] = Field(default_factory=list)
    """Tool names TwoKey may judge without seeing their arguments (a runtime that sends
    none, e.g. HumanLayer with positional arguments); every other such call is held."""


class CatalogResource(_Strict):
    name: str = Field(min_length=1)
    kind: Literal["table", "schema", "dataset", "bucket", "path", "url", "channel", "document"] = (
        "table"
    )
    patterns: list[str] = Field(default_factory=list)
    """Names, glob patterns (`analytics.customers*`, `s3://acme-pii/*`, `#payroll`)."""
    classification: Classification = "internal"
    pii_fields: list[str] = Field(default_factory=list)
    owner: str | None = None
    approver_group: str | None = None
    description: str = ""
    """For people reading the file; TwoKey never reads it."""


class CatalogSourceConfig(_Strict):
    """Where TwoKey reads the catalog from besides this file (`twokey catalog sync`)."""

    name: str = Field(min_length=1, pattern=r"^[\w.-]{1,60}$")
    url: str | None = None
    """SQLAlchemy URL of a database to introspect (better without a password: see `url_env`)."""
    url_env: str | None = None
    """Environment variable holding that URL, so the password stays out of the file."""
    dbt_manifest: str | None = None
    """Path of a dbt `target/manifest.json`."""
    openmetadata: str | None = None
    """Base URL of an OpenMetadata server (`https://om.example.com`)."""
    token_env: str | None = None
    """Environment variable holding the OpenMetadata bearer token."""
    every: Duration | None = 21600.0
    """How often `twokey serve` refreshes it (null: only `twokey catalog sync`)."""
    estimate_rows: bool = True
    """Estimate rows affected with EXPLAIN on this database (never executing) for held requests."""

    @model_validator(mode="after")
    def _one_kind(self) -> CatalogSourceConfig:
        given = [k for k in ("url", "url_env", "dbt_manifest", "openmetadata") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError(
                "a catalog source needs exactly one of url, url_env, dbt_manifest, openmetadata"
                + (f" (got {', '.join(given)})" if given else "")
            )
        return self

    @property
    def kind(self) -> Literal["database", "dbt", "openmetadata"]:
        if self.dbt_manifest:
            return "dbt"
        if self.openmetadata:
            return "openmetadata"
        return "database"


class ClassifyRule(_Strict):
    """A default for data no catalog names: the first rule whose pattern matches wins."""

    pattern: str = Field(min_length=1)
    """A glob over the lower-case qualified name: `hr.*`, `*.pii_*`, `finance_db.*.*`."""
    classification: Classification
    owner: str | None = None
    approver_group: str | None = None


_HOST_PATTERN = re.compile(
    r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$"
)


class WebhooksConfig(_Strict):
    """Where callback URLs may point beyond the public internet."""

    allow: list[str] = Field(default_factory=list)
    """Host names (`hooks.corp.example`, `*.corp.example`), addresses or networks
    (`10.20.0.0/16`) a callback_url may reach although they are internal. Loopback,
    link-local, private, CGNAT, multicast and cloud-metadata destinations are refused
    unless listed here."""

    @field_validator("allow")
    @classmethod
    def _entries(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
                continue
            except ValueError:
                pass
            if not _HOST_PATTERN.match(entry.lower()):
                raise ValueError(
                    f"webhooks.allow: {entry!r} is neither a host name (optionally *.suffix) "
                    "nor an address or network"
                )
        return value


class TwoKeyConfig(_Strict):
    slack: SlackConfig = SlackConfig()
    agents: list[AgentConfig] = Field(default_factory=list)
    approvers: dict[str, ApproverGroup] = Field(default_factory=dict)
    policy: PolicyConfig = PolicyConfig()
    catalog: list[CatalogResource] = Field(default_factory=list)
    catalog_sources: list[CatalogSourceConfig] = Field(default_factory=list)
    classify_unknown: list[ClassifyRule] = Field(default_factory=list)
    webhooks: WebhooksConfig = WebhooksConfig()

    model_config = ConfigDict(extra="forbid", frozen=True, ignored_types=(cached_property,))

    @model_validator(mode="after")
    def _references_exist(self) -> TwoKeyConfig:
        groups = set(self.approvers)
        refs: list[tuple[str, str | None]] = [
            ("policy.escalation_group", self.policy.escalation_group),
            ("policy.default_approver_group", self.policy.default_approver_group),
        ]
        refs += [
            (f"catalog.{i}.approver_group", r.approver_group) for i, r in enumerate(self.catalog)
        ]
        refs += [
            (f"classify_unknown.{i}.approver_group", r.approver_group)
            for i, r in enumerate(self.classify_unknown)
        ]
        for where, name in refs:
            if name is not None and name not in groups:
                known = ", ".join(sorted(groups)) or "none defined"
                raise ValueError(f"{where}: unknown approver group {name!r} (known: {known})")
        sources = [s.name for s in self.catalog_sources]
        if len(set(sources)) != len(sources):
            raise ValueError("catalog_sources: each source needs its own name")
        names = [a.name for a in self.agents]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"agents: duplicate agent name(s) {', '.join(sorted(dupes))}")
        return self

    @cached_property
    def agent_by_slack_id(self) -> dict[str, AgentConfig]:
        """Bot ids and user ids of configured agents, for screening messages."""
        out: dict[str, AgentConfig] = {}
        for agent in self.agents:
            for sid in [*agent.slack_bot_ids, *agent.slack_user_ids]:
                out[sid] = agent
        return out

    def agent(self, name: str | None) -> AgentConfig | None:
        return next((a for a in self.agents if a.name == name), None)


class Settings(BaseSettings):
    """The environment contract of shared/DESIGN.md."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    twokey_database_url: str = DEFAULT_DATABASE_URL
    twokey_config: str | None = None
    twokey_secret_key: str | None = None
    twokey_slack_api_url: str | None = None
    twokey_log_level: str | None = None
    """Unset: `bot.logs.SERVE_LEVEL` for `serve`, `COMMAND_LEVEL` for other commands."""

    def require(self, *names: str) -> None:
        """Refuse to start without the variables a command needs."""
        missing = [n.upper() for n in names if not getattr(self, n)]
        if missing:
            raise ConfigError(
                f"environment: {', '.join(missing)} must be set (see README, Configuration)"
            )
