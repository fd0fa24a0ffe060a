"""A drop-in backend for agents written against the humanlayer SDK (0.7.9)."""

from bot.humanlayer.routes import PREFIX, mount, router

__all__ = ["PREFIX", "mount", "router"]
