"""MCP: a TwoKey MCP server (`server`) and a gating proxy for other MCP servers (`proxy`).

Needs the `mcp` extra: `pip install 'twokey-client[mcp]'`.
"""
