"""The gate HTTP API (FastAPI): thin routes over the approval service."""

from bot.api.app import create_api

__all__ = ["create_api"]
