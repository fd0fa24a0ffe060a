"""TwoKey's risk engine: instruction text in, Assessment out. Knows nothing of Slack or HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.risk.model import Assessment, DataRef, Finding

if TYPE_CHECKING:
    from bot.risk.engine import RiskEngine

__all__ = ["Assessment", "DataRef", "Finding", "RiskEngine"]


def __getattr__(name: str) -> Any:
    # Imported lazily: the engine pulls in parsers that `bot.risk.model` users do not need.
    if name == "RiskEngine":
        from bot.risk.engine import RiskEngine

        return RiskEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
