"""MCP: a TwoKey MCP server (`server`) and a gating proxy for other MCP servers (`proxy`).

Needs the `mcp` extra: `pip install 'twokey-client[mcp]'`.
"""

try:
    import mcp as _mcp  # noqa: F401 — only to fail early with the fix in the message
except ImportError as exc:  # pragma: no cover — depends on the installation
    raise ImportError(
        "TwoKey's MCP server and proxy need the `mcp` package: pip install 'twokey-client[mcp]'"
    ) from exc
