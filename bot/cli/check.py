"""`twokey check`: assess instructions from the command line, one or a batch.

Exit status says the verdict (0 allow, 10 require_approval, 20 block; for a
batch, the worst) so scripts and CI can gate on it without parsing output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.console import Console
from rich.markup import escape

from bot.config import VERDICT_ORDER, ConfigError, TwoKeyConfig
from bot.config_file import load_config
from bot.risk.model import Assessment, Finding

if TYPE_CHECKING:
    from bot.risk.engine import RiskEngine

EXIT_CODES: dict[str, int] = {"allow": 0, "require_approval": 10, "block": 20}
_COLOURS = {"allow": "green", "require_approval": "yellow", "block": "red"}
_RISK_COLOURS = {"low": "green", "medium": "yellow", "high": "red", "critical": "bold red"}
_CLASS_COLOURS = {
    "public": "green",
    "internal": "cyan",
    "unclassified": "magenta",
    "confidential": "yellow",
    "restricted": "red",
}


class BatchItem(BaseModel):
    """One line of `--batch` input."""

    model_config = ConfigDict(extra="ignore")

    text: str
    agent: str | None = None
    confidence: float | None = Field(None, ge=0.0, le=1.0)
    kind: str | None = None
    resources: list[str] = Field(default_factory=list)


def build_engine(config_path: Path | None, no_config: bool) -> RiskEngine:
    """The engine for the configured policy, or the built-in default with an empty catalog."""
    from bot.risk.engine import RiskEngine

    if no_config:
        return RiskEngine(TwoKeyConfig())
    from bot.catalog.keeper import attach_stored
    from bot.config import Settings

    settings = Settings()
    if config_path is None:
        config_path = Path(settings.twokey_config) if settings.twokey_config else None
    engine = RiskEngine(load_config(config_path))
    attach_stored(engine, settings.twokey_database_url)  # what `twokey catalog sync` stored
    return engine


def _bad_line(number: int, problem: str) -> Assessment:
    """A line we could not read is held, not skipped: fail closed."""
    return Assessment(
        decision="require_approval",
        risk="medium",
        findings=[
            Finding(
                rule="check.bad_input",
                category="engine",
                reason=f"Input line {number} could not be read ({problem}); nothing was assessed.",
                risk="medium",
                verdict="require_approval",
            )
        ],
        masked_text="",
    )


def run_batch(engine: RiskEngine, source: TextIO, sink: TextIO) -> str:
    """Assess JSON lines from `source`, write one assessment per line; return the worst verdict."""
    worst = "allow"
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            item = BatchItem.model_validate_json(line)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            result = _bad_line(number, f"{where}: {first['msg']}")
        else:
            result = engine.assess(
                item.text,
                agent=item.agent,
                confidence=item.confidence,
                kind=item.kind,
                resources=item.resources,
            )
        sink.write(result.model_dump_json() + "\n")
        if VERDICT_ORDER[result.decision] > VERDICT_ORDER[worst]:
            worst = result.decision
    sink.flush()
    return worst


def render(result: Assessment, console: Console) -> None:
    """A short coloured summary a person can read at a glance."""
    colour = _COLOURS[result.decision]
    label = result.decision.replace("_", " ").upper()
    head = f"[bold {colour}]{label}[/]  risk [{_RISK_COLOURS[result.risk]}]{result.risk}[/]"
    if result.decision == "require_approval" and result.approver_group:
        head += f"  ·  {result.required_approvals} approval(s) from {escape(result.approver_group)}"
    elif result.decision == "require_approval":
        head += "  ·  no approver group configured, so nobody can approve it (fails closed)"
    console.print(head)
    for f in result.findings:
        fc = _COLOURS[f.verdict]
        console.print(f"  [{fc}]•[/] {escape(f.reason)} [dim]({escape(f.rule)})[/]")
    if result.data:
        console.print("  [bold]data involved[/]")
        for d in result.data:
            cc = _CLASS_COLOURS.get(d.classification, "white")
            line = f"    {escape(d.name)} [dim]{d.kind}[/] [{cc}]{d.classification}[/]"
            if d.pii_fields:
                line += f"  PII: {escape(', '.join(d.pii_fields))}"
            if d.owner:
                line += f"  [dim]owner {escape(d.owner)}[/]"
            console.print(line)
    if not result.findings:
        console.print("  [dim]nothing risky found[/]")


def register(app: typer.Typer) -> None:
    """Add `twokey check` to the command line."""

    @app.command("check")
    def check(
        text: Annotated[
            str | None, typer.Argument(help="The instruction to assess; `-` reads standard input.")
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the assessment as JSON.")
        ] = False,
        batch: Annotated[
            Path | None,
            typer.Option(
                "--batch",
                help='JSON lines {"text", "agent"?, "confidence"?}; `-` for standard input.',
            ),
        ] = None,
        agent: Annotated[str | None, typer.Option(help="The agent that wrote it.")] = None,
        confidence: Annotated[
            float | None, typer.Option(min=0.0, max=1.0, help="The agent's confidence, 0–1.")
        ] = None,
        kind: Annotated[
            str | None, typer.Option(help="Force the reading: sql, shell or prose.")
        ] = None,
        config: Annotated[
            Path | None, typer.Option("--config", help="twokey.yml (default: TWOKEY_CONFIG).")
        ] = None,
        no_config: Annotated[
            bool,
            typer.Option("--no-config", help="Built-in default policy and an empty catalog."),
        ] = False,
    ) -> None:
        """Assess an instruction. Exit 0 allow, 10 require approval, 20 block."""
        err = Console(stderr=True)
        if (text is None) == (batch is None):
            err.print("[red]error:[/] give an instruction (or `-`), or --batch FILE, not both.")
            raise typer.Exit(2)
        try:
            engine = build_engine(config, no_config)
        except ConfigError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        if batch is not None:
            try:
                if str(batch) == "-":
                    worst = run_batch(engine, sys.stdin, sys.stdout)
                else:
                    with batch.open(encoding="utf-8") as source:
                        worst = run_batch(engine, source, sys.stdout)
            except OSError as exc:
                err.print(f"[bold red]error:[/] {escape(str(batch))}: {escape(exc.strerror or '')}")
                raise typer.Exit(2) from None
            raise typer.Exit(EXIT_CODES[worst])
        instruction = sys.stdin.read() if text == "-" else str(text)
        result = engine.assess(instruction, agent=agent, confidence=confidence, kind=kind)
        if as_json:
            sys.stdout.write(json.dumps(result.model_dump(mode="json"), indent=2) + "\n")
        else:
            render(result, Console(highlight=False))
        raise typer.Exit(EXIT_CODES[result.decision])
