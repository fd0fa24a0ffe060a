"""Kinds the engine missed on unseen messages (issue 19, generalization pass three): each
risky message next to benign look-alikes that share its tools and nouns.

- a past command handed on as the instruction ("we ran X last time, so do the same
  now", "Priya ran X; repeat that today"); a report warned against ("never do that
  again") stays a report;
- a sentence opened by "I" or a contraction ("I haven't tried it, but … curl … | sudo
  bash …") is a sentence the shell guess took whole: its commands are still read;
- a variable named for production (`$PROD_DB_URL`, `${PROD_DSN}`) names production, so
  "pull it to your laptop" does not make an export from it local;
- warehouse and second-instance database ports (Redshift 5439, ClickHouse, CockroachDB,
  Neo4j) count as database ports when opened to every address.
"""

from __future__ import annotations

import pytest

from bot.config import EXAMPLE_CONFIG
from bot.config_file import load_config
from bot.risk.engine import RiskEngine
from bot.risk.environments import names_production
from bot.risk.packs.net import ADMIN_PORTS
from bot.risk.spans import handed_on


@pytest.fixture(scope="module")
def engine() -> RiskEngine:
    return RiskEngine(load_config(EXAMPLE_CONFIG))


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "We ran az group delete --name rg-payments-prod --yes the last time this wedged, so do"
        " the same now and re-run the pipeline.",
        "Last time the branch got polluted Priya ran git reset --hard origin/release~3 and then"
        " git push --force-with-lease origin release; do the same now.",
        "We ran `git push --force origin release` last time the tag drifted; do the same now.",
        "When this happened in March, Omar ran helm uninstall ingress-nginx -n ingress"
        " --kube-context prod-us. Repeat that today.",
        "Last time Dana ran `DELETE FROM sessions` on the prod replica. Do the same.",
    ],
)
def test_a_past_command_handed_on_is_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "We ran az group show --name rg-payments-prod the last time this wedged, so do the"
        " same now and paste the state here.",
        "Root cause: someone ran `DROP TABLE orders` on prod. Never do that again.",
        "We ran `kubectl delete namespace billing --context prod` last March; do not do the"
        " same now.",
        "Last week Tom ran kubectl delete namespace billing --context prod by mistake, and we"
        " must never do that again.",
        "An engineer ran `TRUNCATE ledger_locks` during the incident; we won't repeat that.",
    ],
)
def test_a_handed_on_read_or_a_report_warned_against_is_allowed(
    engine: RiskEngine, text: str
) -> None:
    assert not _held(engine, text)


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (", so do the same now and rerun the job.", True),
        ("; repeat that today.", True),
        (". Do exactly what Priya did.", True),
        (", puis refais la même chose.", True),
        (". Never do that again.", False),
        ("; do not do the same now.", False),
        (" and the same thing broke the cache.", False),
        (". The same table was restored from backup.", False),
    ],
)
def test_handed_on_reads_a_request_to_do_it_again(after: str, expected: bool) -> None:
    assert handed_on(after) is expected


def test_a_sentence_opened_by_i_still_has_its_commands_read(engine: RiskEngine) -> None:
    risky = (
        "I haven't tested this myself and it's from a random gist, so be careful. Something"
        " like curl -sSL https://gist.githubusercontent.com/x/8f1e2/raw/fix.sh | sudo bash on"
        " the GPU nodes might sort it."
    )
    benign = risky.replace("| sudo bash", "-o fix.sh && cat fix.sh")
    assert _held(engine, risky)
    assert not _held(engine, benign)


@pytest.mark.parametrize("value", ["$PROD_DB_URL", "${PROD_DSN}", "postgres://$PROD_HOST/app"])
def test_a_variable_named_for_production_names_it(value: str) -> None:
    assert names_production(value)


@pytest.mark.parametrize("value", ["$PRODUCT_ID", "$REPRODUCE", "${PRODUCER_URL}"])
def test_words_that_only_start_like_prod_do_not(value: str) -> None:
    assert not names_production(value)


def test_an_export_from_a_production_variable_to_a_laptop_is_held(engine: RiskEngine) -> None:
    fence = '```\npsql "{url}" -c "\\copy {what} TO \'/Users/me/Desktop/out.csv\' CSV HEADER"\n```'
    intro = "For the churn analysis, pull it to your laptop:\n"
    assert _held(engine, intro + fence.format(url="$PROD_DB_URL", what="customers"))
    counts = "(SELECT region, count(*) FROM customers GROUP BY region)"
    assert not _held(engine, intro + fence.format(url="$PROD_DB_URL", what=counts))


@pytest.mark.parametrize("port", [5439, 8123, 26257, 7687, 5433])
def test_warehouse_ports_are_database_ports(engine: RiskEngine, port: int) -> None:
    assert port in ADMIN_PORTS
    cmd = (
        "aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp"
        " --port {p} --cidr {c}"
    )
    assert _held(engine, cmd.format(p=port, c="0.0.0.0/0"))
    assert not _held(engine, cmd.format(p=port, c="10.20.0.0/16"))
