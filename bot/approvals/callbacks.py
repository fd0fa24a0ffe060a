"""Where a `callback_url` may point: public addresses, or what the configuration allows.

An agent chooses its callback URL, so without a check TwoKey would POST to
whatever it names: its own loopback, the cloud metadata service, the private
network (SSRF). The host is resolved and every address it resolves to must be
public, unless the host or the address is on `webhooks.allow`. The check runs
when the request is submitted (the agent hears why) and again before each
delivery (the name may resolve elsewhere by then).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from bot.config import WebhooksConfig

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], Awaitable[list[str]]]

METADATA_NAMES = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "metadata.azure.com",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.tencentyun.com",
        "metadata.packet.net",
        "localhost",
    }
)
"""Names that reach a machine's own metadata service or itself, refused before any lookup."""

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


class CallbackRefused(ValueError):
    """The URL's destination is internal (or unknown) and not on webhooks.allow."""


async def system_resolve(host: str) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def is_internal(address: Address) -> bool:
    """Loopback, link-local, private, CGNAT, multicast, unspecified, reserved (v4 or v6)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or _teredo_client(address)
        if embedded is not None and is_internal(embedded):
            return True
        if address in _NAT64_LOCAL:
            return True
    elif address in _CGNAT:
        return True
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
        or not address.is_global
    )


def _teredo_client(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    teredo = address.teredo
    return teredo[1] if teredo else None


class CallbackGuard:
    def __init__(self, config: WebhooksConfig, *, resolve: Resolver = system_resolve) -> None:
        self._names = [
            entry.lower().rstrip(".") for entry in config.allow if not _is_network(entry)
        ]
        self._networks = [
            ipaddress.ip_network(e, strict=False) for e in config.allow if _is_network(e)
        ]
        self._resolve = resolve

    def _name_allowed(self, host: str) -> bool:
        for name in self._names:
            if name.startswith("*.") and host.endswith(name[1:]) and host != name[2:]:
                return True
            if host == name:
                return True
        return False

    def _address_allowed(self, address: Address) -> bool:
        return any(address.version == n.version and address in n for n in self._networks)

    async def check(self, url: str) -> None:
        """Return if TwoKey may POST to `url`; raise CallbackRefused saying why otherwise."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower().rstrip(".")
            parts.port  # noqa: B018 -- raises ValueError on a bad port
        except ValueError:
            raise CallbackRefused("callback_url is not a valid URL") from None
        if parts.scheme not in ("http", "https") or not host:
            raise CallbackRefused("callback_url must be an http(s) URL with a host")
        if self._name_allowed(host):
            return
        if host in METADATA_NAMES:
            raise CallbackRefused(
                f"callback_url host {host!r} is internal; add it to webhooks.allow to use it"
            )
        try:
            addresses = [ipaddress.ip_address(host)]
        except ValueError:
            try:
                answers = await self._resolve(host)
            except (OSError, UnicodeError) as exc:
                raise CallbackRefused(
                    f"callback_url host {host!r} could not be resolved ({type(exc).__name__})"
                ) from None
            try:
                addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in answers]
            except ValueError:
                raise CallbackRefused(f"callback_url host {host!r} resolved oddly") from None
        if not addresses:
            raise CallbackRefused(f"callback_url host {host!r} has no address")
        for address in addresses:
            if is_internal(address) and not self._address_allowed(address):
                raise CallbackRefused(
                    f"callback_url host {host!r} resolves to an internal address ({address}); "
                    "add it to webhooks.allow to use it"
                )


def _is_network(entry: str) -> bool:
    try:
        ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False
    return True
