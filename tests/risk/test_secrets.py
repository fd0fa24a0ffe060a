"""Secrets and PII in instruction text: found, masked, and never repeated.

The fake secrets below have the real shapes (prefixes, lengths, checksums) so
the detectors see what they would see in the wild; none of them is live.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.risk import secrets as secrets_module
from bot.risk.secrets import mask_fragment, mask_known, scan_secrets
from tests.growth import assert_linear

AWS_KEY_ID = "AKIAZ7XQ4MNB2VCR8TLE"
AWS_SECRET = "q8Vn3LrT0pXz/K2mWb7YhJ4sDf9Ge1RcUa6NoPiE"
SLACK_BOT = "xoxb-5123987401-6120398471-Hq7tPw2LmZx9Rk4Vn8Bc3DfG"
GITHUB = "ghp_Zq9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa"
PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEAv3Xq9Tn2Lb7s8yXq0LmKpQ4WzR6eT1uYhG5oN3vC7dF2aSk9\n"
    "LmX2bQ7rT4wY8uI1oP5aS3dF6gH0jK2lZ4xC7vB9nM1qW3eR5tY7uI9oP0aSfQ==\n"
    "-----END RSA PRIVATE KEY-----"
)
STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dcTz9Xq2Lm"
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiJldGwtcnVubmVyIiwic2NvcGUiOiJ3YXJlaG91c2UifQ."
    "Zk3Pq9Lm2Xv8Rt4Wn7Yb1Hc6Jd0Fs5Ga3Eu2Io9Kl8"
)
PG_PASSWORD = "Vx7#pLq2!mRz"
CONN_PASSWORD = "w1nterIsC0ming88"
CARD = "4111 1111 1111 1111"
SSN = "123-45-6789"

SECRET_CASES: list[tuple[str, str, str]] = [
    (
        f"Set these before running the loader:\nexport AWS_ACCESS_KEY_ID={AWS_KEY_ID}\n"
        f"export AWS_SECRET_ACCESS_KEY={AWS_SECRET}",
        AWS_KEY_ID,
        "[secret:aws-access-key]",
    ),
    (
        f"export AWS_SECRET_ACCESS_KEY={AWS_SECRET}",
        AWS_SECRET,
        "[secret:aws-secret-key]",
    ),
    (f"Use the bot token {SLACK_BOT} for the webhook test.", SLACK_BOT, "[secret:slack-token]"),
    (f"git clone https://{GITHUB}@github.com/northwind/etl.git", GITHUB, "[secret:"),
    (f"Here is the key:\n```\n{PRIVATE_KEY}\n```", "MIIEowIBAAKCAQEAv3Xq9", "[secret:private-key]"),
    (f"STRIPE_API_KEY={STRIPE} in the worker env", STRIPE, "[secret:"),
    (f'curl -H "Authorization: Bearer {JWT}" https://api.internal/v1/me', JWT, "[secret:"),
    (f"PGPASSWORD='{PG_PASSWORD}' psql -h db-1 -U etl warehouse", PG_PASSWORD, "[secret:password]"),
    (
        f"Connect with mysql://reporting:{CONN_PASSWORD}@mysql-1.internal:3306/shop",
        CONN_PASSWORD,
        "[secret:url-password]",
    ),
    (f"pg_restore --password={PG_PASSWORD} dump.bin", PG_PASSWORD, "[secret:password]"),
    (f"mysqldump -u root -p{PG_PASSWORD} shop > shop.sql", PG_PASSWORD, "[secret:password]"),
    ("The admin password is Bl4ckCoffee!77, keep it safe.", "Bl4ckCoffee!77", "[secret:password]"),
    (
        "CREATE USER loader WITH PASSWORD 'Ld9$kq2Zx!';",
        "Ld9$kq2Zx!",
        "[secret:password]",
    ),
]


@pytest.mark.parametrize(("text", "value", "placeholder"), SECRET_CASES)
def test_secret_is_found_and_masked_everywhere(text: str, value: str, placeholder: str) -> None:
    scan = scan_secrets(text)
    assert any(f.category == "secrets" and f.verdict != "allow" for f in scan.findings)
    assert value not in scan.masked
    assert placeholder in scan.masked
    for finding in scan.findings:
        for field in (finding.reason, finding.evidence or "", finding.rule):
            assert value not in field


def test_no_secret_or_pii_value_survives_anywhere() -> None:
    """Every fake value from the brief, in one message, leaves no trace."""
    text = (
        f"Keys: {AWS_KEY_ID} / {AWS_SECRET}\nSlack: {SLACK_BOT}\nGitHub: {GITHUB}\n"
        f"{PRIVATE_KEY}\nCard on file {CARD}, SSN {SSN}, contact jane.doe@gmail.com"
    )
    scan = scan_secrets(text)
    dumped = json.dumps([f.model_dump() for f in scan.findings])
    for value in (AWS_KEY_ID, AWS_SECRET, SLACK_BOT, GITHUB, CARD, SSN, "jane.doe@gmail.com"):
        assert value not in scan.masked
        assert value not in dumped
    for fragment in ("MIIEowIBAAKCAQEA", "LmX2bQ7rT4wY8uI1", "6789", "1111 1111"):
        assert fragment not in scan.masked
        assert fragment not in dumped
    kinds = {f.rule for f in scan.findings}
    assert {"secrets.aws-access-key", "secrets.slack-token", "secrets.github-token"} <= kinds
    assert {"secrets.private-key", "pii.card", "pii.ssn", "pii.email"} <= kinds


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("password=Pa(ss)w0rd!9", "Pa(ss)w0rd!9"),
        ("connect(password=Hx9!kq2Lm)", "Hx9!kq2Lm"),
        ("kubectl create secret generic db --from-literal=password=S3cr3t!x", "S3cr3t!x"),
        # an environment variable named only by a final KEY, its value shaped like a key
        (
            "export OPENWEATHER_KEY=3f9a8c2e7b1d4f6a9c0e2b4d6f8a1c3e",
            "3f9a8c2e7b1d4f6a9c0e2b4d6f8a1c3e",
        ),
        ("MAPS_KEY=AIzaQ7xLm2Rt9Vb4Nc8Kd1Wf6Yg3Sj5", "AIzaQ7xLm2Rt9Vb4Nc8Kd1Wf6Yg3Sj5"),
    ],
)
def test_unquoted_values_are_masked_whole(text: str, value: str) -> None:
    masked = scan_secrets(text).masked
    assert value not in masked
    for piece in (value[:4], value[-4:]):
        assert piece not in masked


def test_one_finding_per_kind_with_a_count() -> None:
    scan = scan_secrets("Cards 4111 1111 1111 1111 and 5555 5555 5555 4444 failed twice.")
    cards = [f for f in scan.findings if f.rule == "pii.card"]
    assert len(cards) == 1
    assert "2 payment card numbers" in cards[0].reason
    assert scan.masked.count("[pii:card]") == 2


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Her SSN is 536-22-8164, please verify.", "pii.ssn"),
        ("ssn: 536228164", "pii.ssn"),
        ("Refund to card 378282246310005 (Amex).", "pii.card"),
        ("Wire it to GB82 WEST 1234 5698 7654 32 today.", "pii.iban"),
        ("Customer DOB: 03/14/1988, please update.", "pii.date-of-birth"),
    ],
)
def test_personal_data_is_flagged(text: str, rule: str) -> None:
    scan = scan_secrets(text)
    finding = next(f for f in scan.findings if f.rule == rule)
    assert finding.category == "pii"
    assert finding.verdict == "require_approval"
    assert "masked" in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "Her SSN is 000-12-3456, please verify.",  # area 000 is never issued
        "Her SSN is 666-12-3456, please verify.",  # area 666 is never issued
        "Her SSN is 912-12-3456, please verify.",  # 9xx areas are not SSNs
        "Her SSN is 123-00-4567, please verify.",  # group 00
        "Her SSN is 123-45-0000, please verify.",  # serial 0000
        "Order 4111 1111 1111 1112 is stuck.",  # fails the Luhn check
        "Trace id 1234 5678 9012 3456 in the logs.",  # no card issuer starts with 1
        "Ticket DE12 3456 7890 1234 5678 90 was closed.",  # fails the IBAN checksum
        "Released on 2024-03-14, build 20240314.1",
        "Subscription 5e1f0c2a-1111-2222-3333-444455556666",
    ],
)
def test_look_alike_numbers_are_not_personal_data(text: str) -> None:
    scan = scan_secrets(text)
    assert [f.rule for f in scan.findings] == []
    assert scan.masked == text


@pytest.mark.parametrize(
    "text",
    [
        "export PGPASSFILE=~/.pgpass && psql -h prod-db-1.internal northwind",
        'curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/user',
        "The password is in 1Password under etl-prod; ask #it-helpdesk.",
        "Rotate the sk_live key in the Stripe dashboard and store it in Vault.",
        "mysql -h db.internal -u analyst -p shop",
        "DATABASE_URL=postgres://analyst@replica-1.internal:5432/northwind",
        "password: ${DB_PASSWORD}",
        "aws secretsmanager get-secret-value --secret-id arn:aws:secretsmanager:eu-1:1:secret:db",
        "Set SECRET_KEY_FILE=/run/secrets/app_key for the container.",
        "kubectl get secret db-creds -n analytics",
        "doppler login --token dp.example",
        'password = os.environ["DB_PASSWORD"]',
        'secret = get_secret("prod/db")',
        "password: settings.db.password",
        "export GITHUB_TOKEN=$(gh auth token)",
        "npm config set //registry.npmjs.org/:_authToken=${NPM_TOKEN}",
        "token_type: bearer",
        "git show 3f2a9c1d7e8b4a6f0c2d5e9b1a3c7d8e9f0a1b2c",
        "Order #4532015112830366 shipped.",
        # a bare KEY names a column, a file or a cache entry as often as a secret
        "SORT_KEY=created_at PRIMARY_KEY=customer_id",
        "export SSH_KEY=~/.ssh/id_ed25519",
        "CACHE_KEY=user-profile-v2-2026",
        "partition_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    ],
)
def test_look_alike_benign_text_has_no_secret(text: str) -> None:
    scan = scan_secrets(text)
    assert [f.rule for f in scan.findings if f.category == "secrets"] == []


def test_emails_keep_the_domain_and_hide_the_person() -> None:
    scan = scan_secrets("Share it with maria.lopez@northwind.example and bob@acme-partners.com")
    assert "m***@northwind.example" in scan.masked
    assert "b***@acme-partners.com" in scan.masked
    assert "maria.lopez" not in scan.masked
    (email,) = scan.findings
    assert email.rule == "pii.email"
    assert email.verdict == "allow"  # a couple of contacts is routine, and masked


def test_a_list_of_emails_needs_approval() -> None:
    scan = scan_secrets(
        "Affected: a.schmidt@gmx.de, p.nguyen@yahoo.com, c.rivera@hotmail.com, li@qq.com"
    )
    (email,) = scan.findings
    assert email.verdict == "require_approval"
    assert "4 email addresses" in email.reason


def test_logins_in_urls_and_hosts_are_not_peoples_addresses() -> None:
    scan = scan_secrets("scp deploy@build-1.internal:/out/app.tar.gz . && ssh git@github.com")
    assert "deploy@build-1.internal" in scan.masked
    assert all(f.rule != "pii.email" or f.verdict == "allow" for f in scan.findings)


def test_phone_numbers_are_masked() -> None:
    scan = scan_secrets("Call the customer on +1 (415) 555-0134 or +44 20 7946 0958.")
    assert "555-0134" not in scan.masked
    assert "7946" not in scan.masked
    assert any(f.rule == "pii.phone" for f in scan.findings)


def test_partial_token_matches_are_widened_to_the_whole_token() -> None:
    """detect-secrets reports only a prefix of some tokens; no tail may survive."""
    scan = scan_secrets(f"live key: {STRIPE}")
    assert "Xq2Lm" not in scan.masked
    assert STRIPE[-8:] not in scan.masked


def test_scanner_failure_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(line: str, plugins: object = None, **_: object) -> list[tuple[str, str]]:
        raise RuntimeError("plugin exploded")

    monkeypatch.setattr(secrets_module, "_ds_scan", broken)
    scan = scan_secrets(f"export PGPASSWORD='{PG_PASSWORD}'")
    rules = {f.rule: f for f in scan.findings}
    assert rules["secrets.scanner_error"].verdict == "require_approval"
    assert PG_PASSWORD not in scan.masked  # own patterns still mask


def test_mask_fragment_masks_evidence() -> None:
    masked = mask_fragment(f"token {SLACK_BOT} for jane@gmail.com")
    assert SLACK_BOT not in masked
    assert "j***@gmail.com" in masked


def test_clean_text_is_returned_unchanged() -> None:
    text = "Run `SELECT id, plan FROM customers WHERE id = 7` on the replica."
    scan = scan_secrets(text)
    assert scan.findings == []
    assert scan.masked == text


def test_speed_on_the_benchmark_mix() -> None:
    """Well under the engine's budget (≥3,000 assessments/s in total, p99 ≤ 2 ms).

    A budget per call on short rows (131 characters on average), not a growth check
    (`test_64kb_inputs_scan_in_linear_time` is that): measured in this process's CPU
    time, so other processes on the machine do not count; ~33 µs against 1 ms."""
    root = Path(__file__).resolve().parents[2]
    rows = [
        json.loads(line)["text"]
        for line in (root / "bench/data/exposure.jsonl").read_text().splitlines()
    ]
    for text in rows[:20]:
        scan_secrets(text)
    times = []
    for text in rows:  # best of 3 per row: a neighbour's burst on a shared core does not count
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            scan_secrets(text)
            best = min(best, time.process_time() - start)
        times.append(best)
    times.sort()
    mean = sum(times) / len(times)
    p99 = times[int(len(times) * 0.99)]
    print(f"\nscan_secrets: mean {mean * 1e6:.0f} µs, p99 {p99 * 1e6:.0f} µs over {len(rows)}")
    assert mean < 0.001  # CPU time; generous: a loaded CI box must not make this flaky


# ---------------------------------------------------------------- property: nothing leaks
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _luhn_complete(prefix: str) -> str:
    """Append the check digit that makes `prefix` pass the Luhn check."""
    for check in "0123456789":
        digits = prefix + check
        total = 0
        for i, ch in enumerate(reversed(digits)):
            d = int(ch)
            if i % 2:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")


_secret_values = st.one_of(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", min_size=16, max_size=16).map(lambda s: "AKIA" + s),
    st.text(_ALNUM, min_size=36, max_size=36).map(lambda s: "ghp_" + s),
    st.text(_ALNUM, min_size=24, max_size=34).map(lambda s: "sk_live_" + s),
    st.tuples(
        st.integers(10**9, 10**10 - 1),
        st.integers(10**9, 10**10 - 1),
        st.text(_ALNUM.lower(), min_size=24, max_size=24),
    ).map(lambda t: f"xoxb-{t[0]}-{t[1]}-{t[2]}"),
    st.text("0123456789", min_size=14, max_size=14).map(lambda s: _luhn_complete("4" + s)),
    st.tuples(st.integers(1, 665), st.integers(1, 99), st.integers(1, 9999)).map(
        lambda t: f"{t[0]:03d}-{t[1]:02d}-{t[2]:04d}"
    ),
)
_frames = st.sampled_from(
    [
        "Use {} for the deploy.",
        "export TOKEN={}",
        "the key is `{}` — paste it in #eng",
        "```\n{}\n```",
        "({}), thanks!",
        "curl -H 'X-Key: {}' https://api.internal/",
    ]
)


@settings(max_examples=300, deadline=None)
@given(value=_secret_values, frame=_frames)
def test_generated_secrets_never_survive(value: str, frame: str) -> None:
    scan = scan_secrets(frame.format(value))
    assert value not in scan.masked
    assert scan.findings
    assert all(f.verdict != "allow" for f in scan.findings if f.category == "secrets")
    for finding in scan.findings:
        assert value not in finding.reason
        assert value not in (finding.evidence or "")


# ---------------------------------------------------------------- red-team regressions
GOOGLE_KEY = "AIzaSyD4kX9mQ2vLp7Tn3Rb8Wc1Ye6Uf0Hg5Js2"


@pytest.mark.parametrize(
    ("text", "value", "placeholder"),
    [
        ("redis-cli -h cache-1 -a hunter2xyz FLUSHALL", "hunter2xyz", "[secret:password]"),
        ("redis-cli -u redis://:hunter2xyz@cache-1:6379 ping", "hunter2xyz", "[secret:"),
        ("sshpass -p hunter2xyz ssh -p 2222 ops@bastion-1", "hunter2xyz", "[secret:password]"),
        ("sshpass -p'hunter2xyz' scp dump.sql ops@bastion-1:", "hunter2xyz", "[secret:password]"),
        ("mongo -u admin -p Kx9mQ2vLp7 --host prod-db-2", "Kx9mQ2vLp7", "[secret:password]"),
        ("mongodump -u admin -p 'Kx9mQ2vLp7' --out /tmp/d", "Kx9mQ2vLp7", "[secret:password]"),
        ("mysql -uroot -pS3cr3tPw shop", "S3cr3tPw", "[secret:password]"),
        ("docker login -u ci -p Kx9mQ2vLp7 registry.internal", "Kx9mQ2vLp7", "[secret:password]"),
        ("smbclient //fs-1/hr -U alice%Kx9mQ2vLp7", "Kx9mQ2vLp7", "[secret:password]"),
        ("The VPN login is ops, pw: Kx9mQ2vLp7", "Kx9mQ2vLp7", "[secret:password]"),
        (
            'curl -H "X-Api-Key: 7f3c9a1b2c3d4e5f6a7b8c9d0e1f2a3b" https://api.vendor.io/v1',
            "7f3c9a1b2c3d4e5f6a7b8c9d0e1f2a3b",
            "[secret:credential]",
        ),
        ("X-Auth-Token: Qm9vZ2llV29vZ2llMjAyNg", "Qm9vZ2llV29vZ2llMjAyNg", "[secret:"),
        (f"maps key {GOOGLE_KEY} for the store locator", GOOGLE_KEY, "[secret:google-api-key]"),
        # values that merely contain a placeholder word are real values
        ("DB_PASSWORD=Sample2026xyz", "Sample2026xyz", "[secret:password]"),
        (
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEX",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEX",
            "[secret:aws-secret-key]",
        ),
        ("CREATE USER x PASSWORD 'changeme123';", "changeme123", "[secret:password]"),
        ("export API_TOKEN=my-Example-t0ken-42", "my-Example-t0ken-42", "[secret:"),
    ],
)
def test_red_team_secrets_are_masked(text: str, value: str, placeholder: str) -> None:
    scan = scan_secrets(text)
    assert value not in scan.masked
    assert placeholder in scan.masked
    assert any(f.category == "secrets" and f.verdict != "allow" for f in scan.findings)
    assert value in {v for _, v in scan.values}


def test_documented_example_keys_are_masked_but_not_held() -> None:
    """AWS's documentation writes every example key as `AKIA…EXAMPLE` / `…EXAMPLEKEY`: still
    masked (masking costs nothing), but no reason to hold the message (issue 19)."""
    value = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    scan = scan_secrets(f"AWS_SECRET_ACCESS_KEY={value} AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE")
    assert value not in scan.masked and "AKIAIOSFODNN7EXAMPLE" not in scan.masked
    secrets = [f for f in scan.findings if f.category == "secrets"]
    assert secrets and all(f.verdict == "allow" for f in secrets)
    # one live-looking value among the examples is held
    mixed = scan_secrets(f"AWS_SECRET_ACCESS_KEY={value} AWS_ACCESS_KEY_ID=AKIA4QWERTYZ7XCVBNM2")
    assert any(f.category == "secrets" and f.verdict != "allow" for f in mixed.findings)


@pytest.mark.parametrize(
    "text",
    [
        "redis-cli -h cache-1 ping",
        "redis-cli -h cache-1 -a $REDIS_PASSWORD ping",
        "ssh -p 2222 ops@bastion-1",
        "sshpass -f /run/secrets/ssh_pw ssh -p 22022 ops@bastion-1",
        "mongo -u admin --host prod-db-2",
        "mongo -u admin -p --authenticationDatabase admin",
        "mysql -h db.internal -u analyst -p shop",
        "pg_dump --password-file /run/secrets/db northwind",
        "docker run -p 8080:80 nginx",
        "X-Api-Key: ${VENDOR_API_KEY}",
        "the upward trend: up 12% since Q2",
        "password=your-password-here",
        "password: <password>",
        "PGPASSWORD=$PGPASSWORD psql -h db-1",
        "password=xxxx",
        "password=****",
        "password=changeme",
        "token=example",
        "password=password",
        "api_key=your_api_key_here",
        "STRIPE_KEY=sk_live_example",
        "AIzaSy is how Google keys start",
    ],
)
def test_red_team_look_alikes_are_not_secrets(text: str) -> None:
    scan = scan_secrets(text)
    assert [f.rule for f in scan.findings if f.category == "secrets"] == []
    assert scan.masked == text


def test_scan_reports_the_values_it_masked() -> None:
    scan = scan_secrets(f"redis-cli -a hunter2xyz ping; mail {SSN} to jo@gmail.com")
    assert set(scan.values) == {
        ("password", "hunter2xyz"),
        ("ssn", SSN),
        ("email", "jo@gmail.com"),
    }
    assert "hunter2xyz" not in repr(scan)  # values stay out of logs that print the scan


@pytest.mark.parametrize(
    ("fragment", "leak"),
    [
        ("…also use xoxb-2048123456-", "xoxb-2048"),
        ("Share the export publicly, then AKIA", "AKIA"),
        ("--clusterrole=cluster-admin --user=devon@freelance-data.c", "devon"),
        ("3456789-AbCdEfGhIjKlMnOpQrStUvWx for the bot…", "AbCdEf"),
        ("123456-4096123456", "4096123456"),  # a window cut from inside the value
    ],
)
def test_mask_known_hides_values_cut_at_the_edges(fragment: str, leak: str) -> None:
    values = scan_secrets(
        "also use xoxb-2048123456-4096123456789-AbCdEfGhIjKlMnOpQrStUvWx for the bot, "
        "AKIAQ3EGUQBX7EXAMPLE, and devon@freelance-data.co"
    ).values
    masked = mask_known(fragment, values)
    assert leak not in masked
    assert "[secret:" in masked or "***@" in masked


def test_mask_known_leaves_unrelated_text_and_short_overlaps() -> None:
    values = (("password", "hunter2xyz"),)
    assert mask_known("ask the hunter about it", values) == "ask the hunter about it"
    assert mask_known("use hun", values) == "use hun"  # under 4 characters: not a value
    assert mask_known("use hunt", values) == "use [secret:password]"
    assert mask_known("use hunter2xyz now", values) == "use [secret:password] now"
    assert mask_known("nothing here", ()) == "nothing here"


def test_mask_known_matches_collapsed_whitespace() -> None:
    scan = scan_secrets(f"Here is the key:\n{PRIVATE_KEY}")
    fragment = " ".join(PRIVATE_KEY.split())[:60]
    assert "MIIEow" not in mask_known(fragment, scan.values)


def test_assignments_are_what_the_assignment_regex_finds() -> None:
    """`_assignments` is the regex's `finditer`, tried once per operator (dotted names,
    names after a dot or a letter outside ASCII, values cut at 300 characters)."""
    import random

    pieces = ["password", "pw", "token", "api_key", "a", "x.", ".", "..", "é", "-", "_", "=", ":="]
    pieces += [":", ": ", "'", '"', " ", "\n", "Secret9", "abc123", ",", ";", "`", "os.environ"]
    pieces += ["é.", "K", "y" * 150, "z." * 20]
    rng = random.Random(19)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 16)))
        expected = [m.regs for m in secrets_module._ASSIGNMENT.finditer(text)]
        assert [m.regs for m in secrets_module._assignments(text)] == expected, text


def _fill(unit: str, size: int = 64 * 1024) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_fill("rm kubectl terraform aws psql mysql curl bash sudo "), id="programs"),
        pytest.param(_fill("redis-cli "), id="tool names"),
        pytest.param("password " + _fill("a."), id="dotted run"),
        pytest.param(_fill("AKIAABCDEFGHIJKLMNOP "), id="one value many times"),
        pytest.param(_fill("https://u:p"), id="url without @"),
        pytest.param(_fill("ann.lee@example.com "), id="addresses"),
        pytest.param(_fill("```\n"), id="fences"),
        pytest.param(_fill("mysql -u root -pS3cr3tX "), id="flags"),
    ],
)
def test_64kb_inputs_scan_in_linear_time(text: str) -> None:
    """Catches a quadratic pattern (these took 0.5 s to 90 s), not a timing goal."""
    scan_secrets(text[:1000])  # first-use costs (plugin loading) are not the input's
    assert_linear(scan_secrets, text)


def test_name_characters_are_the_assignment_regex_class() -> None:
    import re

    regex = re.compile(r"[A-Za-z0-9_.\-]", re.IGNORECASE)
    matched = frozenset(chr(c) for c in range(0x10000) if regex.match(chr(c)))
    assert matched == secrets_module._NAME_CHARS


# ---------------------------------------------------------------- service tokens by shape
VENDOR_TOKENS = [
    "hvs.CAESIJ4x0Wd9mQ2vLp7Tn3Rb8Wc1Ye6Uf0Hg5Js2KqZt",
    "dapi0123456789abcdef0123456789abcdef",
    "hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    "sk-ant-api03-Zx9mQ2vLp7Tn3Rb8Wc1Ye6Uf0Hg5Js2KqZtAbCd",
    "dp.st.prod.Zx9mQ2vLp7Tn3Rb8Wc1Ye6Uf0Hg5Js2KqZtAbCdEf01",
    "shpat_0123456789abcdef0123456789abcdef",
    "dop_v1_" + "ab12" * 16,
    "npm_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    "glsa_AbCdEfGhIjKlMnOpQrStUvWxYz012345_0a1b2c3d",
]


@pytest.mark.parametrize("token", VENDOR_TOKENS)
def test_service_tokens_are_found_by_their_shape_and_never_shown(token: str) -> None:
    text = f"Use this for the deploy and post it in #eng-general: {token}"
    scan = scan_secrets(text)
    assert any(f.category == "secrets" for f in scan.findings)
    assert token not in scan.masked
    for finding in scan.findings:
        assert token not in (finding.evidence or "") and token not in finding.reason


@pytest.mark.parametrize(
    "text",
    [
        "Vault tokens start with hvs. and are long",
        "call hf_hub_download() to fetch the weights",
        "the dapi prefix marks Databricks tokens",
        "npm_config_registry is an environment variable",
        "see docs/shp_setup.md for the Shopify setup",
    ],
)
def test_token_prefixes_without_a_token_are_not_secrets(text: str) -> None:
    scan = scan_secrets(text)
    assert [f for f in scan.findings if f.category == "secrets"] == []
    assert scan.masked == text


# Passwords handed over in prose, in the lexicon languages: a label then the value, or a
# login pair after a word for logins. Values are fake.
@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Reply in #data-eng with the service login: etl_svc / Wq7!pLs2-vR9mXe on wh-prod",
            "Wq7!pLs2-vR9mXe",
        ),
        (
            "Send him the service login in a DM: svc_import / Tq9#vLm2xPw4 on orders-db-prod.",
            "Tq9#vLm2xPw4",
        ),
        ("reply with the creds — bridge_ops:Zr8$mTq4Wk1p — and ask them to retry", "Zr8$mTq4Wk1p"),
        ("envoie-lui les identifiants par mail : depot_ext / Hx4!rPq8Zk2w", "Hx4!rPq8Zk2w"),
        ("Schick ihm die Zugangsdaten per Slack: stage_admin / Np4&vKs9Qx2t", "Np4&vKs9Qx2t"),
        ("ログイン情報は report_ro / Gh5&nWq2Tz8k なので貼ってください", "Gh5&nWq2Tz8k"),
        ("把数据库的账号密码发到群里：ops_admin / Pz6*kVr3Mq9w，大家都要用。", "Pz6*kVr3Mq9w"),
        (
            "Das Passwort für den Reporting-Nutzer lautet Lk7$wQz3Np9r, schreib es in #bi",
            "Lk7$wQz3Np9r",
        ),
        ("Le mot de passe root du serveur de paie est Jw5@qNr8Tb3x, donne-le", "Jw5@qNr8Tb3x"),
        ("La contraseña del panel es Vb8@kRt5Yw2q; pégala en el ticket", "Vb8@kRt5Yw2q"),
        ("A senha do painel é Rm3%tLq8Xv6z, manda pra equipe", "Rm3%tLq8Xv6z"),
        ("パスワードは Gh5&nWq2Tz8k です", "Gh5&nWq2Tz8k"),
        ("密码是 Pz6*kVr3Mq9w，发到群里", "Pz6*kVr3Mq9w"),
        ("Post the Wi-Fi in #general: network Staff, password Fq7#Lm2pXz9v.", "Fq7#Lm2pXz9v"),
    ],
)
def test_passwords_in_prose_are_found_and_masked(text: str, value: str) -> None:
    scan = scan_secrets(text)
    assert [f.rule for f in scan.findings] == ["secrets.password"]
    assert value not in scan.masked
    assert value not in mask_fragment(text)


@pytest.mark.parametrize(
    "text",
    [
        "Send him the service login in a DM: svc_import; the password is in the Infra vault.",
        "Set the datasource read/write mode to read-only and save.",
        "Docker login: ghcr.io/northwind/api:v1.2.3 is the image to pull.",
        "The login page runs on wh-prod.internal:5439 behind the VPN.",
        "Login with the digest sha256:3f9a8b7c6d5e4f3a2b1c and compare.",
        "Das Passwort lautet wie im Tresor unter bi/reporting hinterlegt.",
        "Le mot de passe est changé chaque mois par l'équipe sécurité.",
        "La contraseña es la de Bitwarden, no la pegues en el ticket.",
        "Reset the password rotation-2026 policy before Friday.",
        "ログイン情報は Vault の analytics/report_ro にあります。",
        "账号名是 ops_admin，密码从密码库里取。",
        "Credentials: use user/password auth with the staging/dev profile.",
    ],
)
def test_login_words_without_a_value_are_not_secrets(text: str) -> None:
    assert scan_secrets(text).findings == []
