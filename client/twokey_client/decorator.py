"""`require_approval`: a function runs only after TwoKey allows it or a person approves it.

By default the call goes to the gate as structure — the function's name and
every argument by name (positional ones bound with `inspect.signature`,
defaults filled in) — and the gate renders the text the approver reads, reads
the name as an action and assesses every value. `describe=` sends your own
text instead. Anything but a go-ahead raises `NotApproved` and the function
does not run.

    @require_approval(requester="dana@northwind.example")
    def drop_table(name: str) -> None: ...

    drop_table("customers_tmp")   # held until approved; NotApproved otherwise
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

from twokey_client import protocol
from twokey_client.client import AsyncTwoKeyClient, TwoKeyClient

P = ParamSpec("P")
R = TypeVar("R")


def call_arguments(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: Mapping[str, Any]
) -> dict[str, Any]:
    """Every argument of one call by its parameter's name, defaults included.

    `*args` stays a list under its name; `**options` are merged in by name (kept
    under their own name when one would shadow a parameter). A method's `self`
    or `cls` is left out: it is the receiver, not an argument.
    """
    signature = inspect.signature(fn)
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    out: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for i, (name, value) in enumerate(bound.arguments.items()):
        kind = signature.parameters[name].kind
        if i == 0 and name in ("self", "cls"):
            continue
        if kind is inspect.Parameter.VAR_KEYWORD:
            extra = dict(value)
            extra_name = name
        elif kind is inspect.Parameter.VAR_POSITIONAL:
            out[name] = list(value)
        else:
            out[name] = value
    if extra:
        if set(extra) & set(out):
            out[extra_name] = extra
        else:
            out.update(extra)
    return out


def require_approval(
    client: TwoKeyClient | AsyncTwoKeyClient | None = None,
    *,
    requester: str | Callable[..., str] | None = None,
    describe: Callable[..., str] | None = None,
    name: str | None = None,
    agent: str | None = None,
    kind: str | None = None,
    resources: Sequence[str] = (),
    confidence: float | None = None,
    justification: str | None = None,
    timeout: float | None = None,
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run the decorated function only after TwoKey allows or a person approves the call.

    `client` defaults to one built from `TWOKEY_URL` / `TWOKEY_API_KEY` at the
    first call (a missing variable is `NotApproved`, never a run); `requester`
    to `TWOKEY_REQUESTER`; `name` to the function's name. Approved calls redeem
    their execution token for exactly the text the gate assessed before running.
    Blocked, denied, expired, cancelled, no answer within `timeout`, the gate
    unreachable or an unknown status raise `NotApproved`.
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        is_async = inspect.iscoroutinefunction(fn)
        if client is not None and is_async != isinstance(client, AsyncTwoKeyClient):
            need = "an AsyncTwoKeyClient" if is_async else "a TwoKeyClient"
            raise TypeError(f"{'an async' if is_async else 'a sync'} function needs {need}")
        tool_name = name or fn.__name__
        made: list[Any] = []

        def the_client() -> Any:
            if client is not None:
                return client
            if not made:
                try:
                    made.append(AsyncTwoKeyClient() if is_async else TwoKeyClient())
                except protocol.TwoKeyError as exc:
                    raise protocol.failure(exc) from exc
            return made[0]

        def operation(gate: protocol.Gate, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            who = requester(*args, **kwargs) if callable(requester) else requester
            what: dict[str, Any] = (
                {"text": describe(*args, **kwargs)}
                if describe is not None
                else {"tool": (tool_name, call_arguments(fn, args, kwargs))}
            )
            return protocol.authorize(
                gate,
                requester=who,
                agent=agent,
                timeout=timeout,
                kind=kind,
                resources=resources,
                confidence=confidence,
                justification=justification,
                **what,
            )

        if is_async:

            @functools.wraps(fn)
            async def async_wrapper(*args: P.args, **kwargs: P.kwargs) -> Any:
                gate = the_client()
                await gate.run(operation(gate.gate, args, kwargs))
                return await fn(*args, **kwargs)  # type: ignore[misc]

            return async_wrapper  # type: ignore[return-value]

        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            gate = the_client()
            gate.run(operation(gate.gate, args, kwargs))
            return fn(*args, **kwargs)

        return wrapper

    return decorate
