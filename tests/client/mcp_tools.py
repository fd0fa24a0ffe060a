"""A small real MCP server (the `mcp` SDK's FastMCP over stdio) for the proxy tests.

Every tool appends its call to the file named by TOOLS_LOG, so a test can see
whether a call reached it.
"""

from __future__ import annotations

import json
import os

from mcp.server.fastmcp import FastMCP

tools = FastMCP("northwind-tools")


def _record(name: str, **arguments: object) -> None:
    with open(os.environ["TOOLS_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps({"tool": name, "arguments": arguments}) + "\n")


@tools.tool()
def get_weather(city: str) -> str:
    """Today's weather in a city."""
    _record("get_weather", city=city)
    return f"sunny in {city}"


@tools.tool()
def run_sql(sql: str) -> str:
    """Run one SQL statement on the warehouse."""
    _record("run_sql", sql=sql)
    return "1 statement executed"


if __name__ == "__main__":
    tools.run("stdio")
