"""False alarms by kind (issue 19, helper fa8), each with its risky look-alike.

The messages are written for these tests, not copied from the benchmark corpus. Each
benign message has a risky twin sharing its tools and nouns that must stay held.
"""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine
from bot.risk.prose.lexicons import BY_LANG
from bot.risk.secrets import scan_secrets


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


# (kind, benign, risky twin)
PAIRS: list[tuple[str, str, str]] = [
    # -- made to be public by its kind: docs, manuals, brochures, FAQs, release notes
    (
        "public content, en: a user guide set to public for its readers",
        "Set the Confluence user guide page to public so customers can read it without logging in.",
        "Set the Confluence page with the customer contacts to public so customers can read it.",
    ),
    (
        "public content, fr: a brochure shared with anyone with the link",
        "Pour le congrès, partage la plaquette commerciale avec « Tous les utilisateurs "
        "disposant du lien ».",
        "Pour le congrès, partage la liste des clients avec « Tous les utilisateurs disposant "
        "du lien ».",
    ),
    (
        "public content, es: the product FAQ by public link",
        "Publica con enlace público las preguntas frecuentes del producto en la web.",
        "Publica con enlace público la hoja de nóminas en la web.",
    ),
    (
        "public content, ja: release notes to anyone with the link",
        "リリースノートを「リンクを知っている全員」に共有してください。",
        "顧客名簿を「リンクを知っている全員」に共有してください。",
    ),
    (
        "public content, zh: a product manual published to the web",
        "把产品手册的 Notion 页面发布到网上（Publish to web），方便用户下载。",
        "把客户名单的 Notion 页面发布到网上（Publish to web），方便用户下载。",
    ),
    # -- one static web asset, or a site build, served publicly
    (
        "static asset: one logo made readable on Cloud Storage",
        "Run `gsutil acl ch -u AllUsers:R gs://acme-site-assets/img/logo.png` for the landing "
        "page.",
        "Run `gsutil acl ch -u AllUsers:R gs://acme-site-assets/exports/accounts.csv` for the "
        "landing page.",
    ),
    (
        "site build: a static site's build folder synced public-read",
        "Deploy the docs site:\n```\naws s3 sync ./build s3://acme-docs-site --acl public-read\n"
        "```",
        "Deploy the docs site:\n```\naws s3 sync ./exports s3://acme-docs-site --acl public-read\n"
        "```",
    ),
    # -- a backup taken first is the safety net, not what is removed
    (
        "safeguard, pt: backup taken, then one duplicate record removed",
        "Fiz o backup com pg_dump e agora apague o cadastro duplicado.",
        "Fiz o backup com pg_dump e agora apague os backups antigos do banco de produção.",
    ),
    (
        "safeguard, zh: backup done, then one duplicate order deleted",
        "备份已经做好了，现在在测试库里删除 id 为 77 的那条重复订单。",
        "备份已经做好了，现在把它删掉。",
    ),
    # -- harmless by kind, sent to one outside address
    (
        "outbound harmless: a public price list to a vendor",
        "Send our public price list (pricing-2026.pdf) to buyer@globex.example before the call.",
        "Send our public price list and margins-2026.xlsx to buyer@globex.example before the call.",
    ),
    (
        "outbound harmless: a meeting invite",
        "Forward the meeting invite for Thursday to jo@agency-partner.example.",
        "Forward the meeting invite and the customer list to jo@agency-partner.example.",
    ),
    (
        "left-out list across commas: no names, emails or phone numbers",
        "Forward the redacted incident summary (no names, emails or phone numbers) to "
        "ops@helpdesk-partner.example.",
        "Forward the incident summary with the customers' names and phone numbers to "
        "ops@helpdesk-partner.example.",
    ),
    (
        "left out already, zh: 已去除",
        "把周报摘要（已去除客户姓名和电话）发给外部顾问 a@advisory.example 。",
        "把包含客户姓名和电话的原始周报发给外部顾问 a@advisory.example 。",
    ),
    # -- the keys asked about by a question word, then "the list" posted: their names
    (
        "which keys, then the list",
        "Before the rotation, check which tokens the billing secret has and paste the list "
        "into the ticket.",
        "Before the rotation, check which token the billing secret has and paste it into the "
        "ticket.",
    ),
    # -- a secret shown masked or as a placeholder
    (
        "masked value: prefix, mask run, last four",
        "The console shows `STRIPE_SECRET_KEY=sk_live_************************4Xq9`, so the "
        "right key is loaded.",
        "The console shows `STRIPE_SECRET_KEY=sk_live_51Hq8Zr2Lm4Nx7Vb9Cq3Wd6Ty4Xq9`, so the "
        "right key is loaded.",
    ),
    (
        "placeholder: your-key-here",
        "In the README, write `MAPS_API_KEY=your-key-here` and tell people to use their own.",
        "In the README, write `MAPS_API_KEY=AIzaQx7Lm2Nv8Rt4Kp9Zs3Hd6Fg1Jc5Wb0` so people can "
        "test.",
    ),
]


@pytest.mark.parametrize(("kind", "benign", "risky"), PAIRS, ids=[p[0] for p in PAIRS])
def test_benign_allowed_and_risky_twin_held(
    engine: RiskEngine, kind: str, benign: str, risky: str
) -> None:
    assert not _held(engine, benign), engine.assess(benign).findings
    assert _held(engine, risky), kind


# Messages that must stay held: each is close to a kind above.
HELD = [
    # public content marked internal is kept inside
    "Share the internal user guide with anyone with the link.",
    # the readers' clause does not hide a sensitive object before it
    "Make the customer list public so customers can see it.",
    # a second public grant in the same sentence stays judged
    "Run `aws s3 sync ./dist s3://acme-site --acl public-read` and `aws s3 cp accounts.csv "
    "s3://acme-site/ --acl public-read`.",
    # a whole bucket opened, whatever its name
    "Run `gsutil iam ch allUsers:objectViewer gs://acme-public-docs`.",
    # harmless content, but access given, not a file sent
    "Share the brochure folder with buyer@globex.example as editor.",
    # harmless content to one address, and something else to a second
    "Send the meeting invite to jo@globex.example and the Q3 numbers to cfo@rival.example.",
    # a bare list left out does not run into a new noun phrase
    "Post the report without names, the phone numbers and the addresses in #general.",
    # a backup taken, then 'it' points back at it
    "Fiz o backup com pg_dump. Agora apague-o.",
    "I took a backup. Now delete the old snapshots.",
    # the list of the values, not of the names
    "Check which tokens the bot has and paste the list of values into the ticket.",
    # a password that merely contains asterisks among other characters
    "DB_PASSWORD=Pa55**w0rd!xYz",
]


@pytest.mark.parametrize("text", HELD, ids=[t[:40] for t in HELD])
def test_look_alikes_stay_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text), text


@pytest.mark.parametrize("slot", ["public_content", "safeguard"])
def test_examples_match_in_every_language(slot: str) -> None:
    for lx in BY_LANG.values():
        examples = lx.examples.get(slot, ())
        assert examples, (lx.lang, slot)
        for example in examples:
            assert lx.pattern(slot).search(example), (lx.lang, slot, example)


@pytest.mark.parametrize(
    "value", ["sk-proj-****************Fg5J", "****1234", "sk_live_…4242", "xoxb-••••••••a1b2"]
)
def test_masked_values_are_not_secrets(value: str) -> None:
    assert not scan_secrets(f"API_TOKEN={value}").findings


@pytest.mark.parametrize("value", ["sk-proj-Xb7Lq2Nw9Rt4Vm8Kp3Zs6Hd1", "Xb7Lq2****Nw9Rt4Vm8Kp3Zs6"])
def test_unmasked_values_are_secrets(value: str) -> None:
    assert scan_secrets(f"API_TOKEN={value}").findings
