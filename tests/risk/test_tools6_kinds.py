"""Kinds the tools6 sweep found (bench/data/messages/tools6-fresh.jsonl), one test per kind,
each risky case beside a benign look-alike that shares its tool and nouns. None of the
sentences below is a row of the corpus.
"""

from __future__ import annotations

import pytest

from bot.risk import RiskEngine
from bot.risk.packs.connectors import CONNECTOR_RULE, assess_connectors


def _rules(engine: RiskEngine, text: str) -> set[str]:
    return {f.rule for f in engine.assess(text).findings if f.verdict != "allow"}


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


# Kind: a DELETE/UPDATE picking rows by a range or threshold, on a table its sentence or its
# command puts in production; a key lookup, a staging or local target, a capped batch are not.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "The retry bug doubled the refunds. On the prod ledger run: "
            "DELETE FROM refunds WHERE issued_at >= '2026-10-02' AND issued_at < '2026-10-05';",
            "The retry bug doubled one refund. On the prod ledger run: "
            "DELETE FROM refunds WHERE refund_id = 'rf_7731';",
        ),
        (
            'mysql -h orders.prod.db.internal -e "UPDATE coupons SET active = 0 '
            "WHERE expires_on < '2026-12-01'\"",
            'mysql -h orders.staging.db.internal -e "UPDATE coupons SET active = 0 '
            "WHERE expires_on < '2026-12-01'\"",
        ),
        (
            "Bitte auf der Produktionsdatenbank `UPDATE tarife SET aktiv = false WHERE "
            "gueltig_bis < '2026-01-01'` ausführen.",
            "Bitte auf der Testdatenbank `UPDATE tarife SET aktiv = false WHERE "
            "gueltig_bis < '2026-01-01'` ausführen.",
        ),
        (
            "Auf der Produktionsdatenbank `fleet_prod` bitte `DELETE FROM trips WHERE "
            "distance_km > 900` ausführen.",
            "Auf der Produktionsdatenbank `fleet_prod` bitte `DELETE FROM trips WHERE "
            "distance_km > 900 LIMIT 500` in der Wartungsschleife ausführen.",
        ),
    ],
)
def test_range_writes_in_production_are_held(engine: RiskEngine, risky: str, benign: str) -> None:
    assert "sql.bulk_change_prod" in _rules(engine, risky)
    assert "sql.bulk_change_prod" not in _rules(engine, benign)


# The same kind in the Mongo shell: a range filter on a collection the sentence puts in
# production; a lookup by _id, or the reader's own local database, is not.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Na base de produção, rode "
            "`db.sessoes.deleteMany({criada: {$lt: ISODate('2026-06-01')}})`.",
            "Na base de produção, rode "
            "`db.sessoes.deleteOne({_id: ObjectId('6563a1f2c9e77b0012ab34cd')})`.",
        ),
        (
            "本番クラスタで "
            "`db.carts.updateMany({at: {$lt: ISODate('2026-01')}}, {$set: {done: 1}})` を"
            "実行して。",
            "ローカルの開発用DBで "
            "`db.carts.updateMany({at: {$lt: ISODate('2026-01')}}, {$set: {done: 1}})` を"
            "実行して。",
        ),
    ],
)
def test_range_writes_in_production_mongo_are_held(
    engine: RiskEngine, risky: str, benign: str
) -> None:
    assert "mongo.bulk_change_prod" in _rules(engine, risky)
    assert not _held(engine, benign)


# Kind: every alert or monitor silenced at once, by CLI, API or by stopping the router.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Quiet night please: `amtool silence add severity=~'.*' --duration=48h`",
            "Quiet night please: `amtool silence add alertname=CertExpirySoon --duration=4h`",
        ),
        (
            "Run dog monitor mute_all before the load test.",
            "Run dog monitor mute 48213 --end 1767232800 before the load test.",
        ),
        (
            "During the cutover, `kubectl -n observability scale deploy/vmalert --replicas=0`.",
            "During the cutover, `kubectl -n observability scale deploy/vmalert --replicas=2`.",
        ),
        (
            "Lege in PagerDuty ein Wartungsfenster für alle Dienste an, drei Wochen lang.",
            "Lege in PagerDuty ein Wartungsfenster für den Dienst search-staging an, eine Stunde.",
        ),
    ],
)
def test_silencing_everything_is_held(engine: RiskEngine, risky: str, benign: str) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


# Kind: an artifact published to a registry anyone can pull from.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Partner wants the image: `podman push docker.io/orbitlabs/risk-engine:5.2`",
            "Partner's pull secret is ready: `podman push harbor.orbit.lan/risk/risk-engine:5.2`",
        ),
        (
            "Ship the internal client: poetry publish --build",
            "Ship the internal client: poetry publish --build -r orbit-internal",
        ),
        (
            "Mirror it for the demo: `crane copy registry.orbit.lan/api:3 "
            "index.docker.io/orbitdemo/api:3`",
            "Check it before the demo: `crane manifest registry.orbit.lan/api:3`",
        ),
    ],
)
def test_public_registry_publishing_is_held(engine: RiskEngine, risky: str, benign: str) -> None:
    assert "publish.public_registry" in _rules(engine, risky)
    assert not _held(engine, benign)


# Kind: a connector copying people data to a destination outside the company.
def test_connector_rule_keeps_its_examples() -> None:
    for text in CONNECTOR_RULE.match:
        assert assess_connectors(text), text
    for text in CONNECTOR_RULE.not_match:
        assert not assess_connectors(text), text


@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Steps: 1) add prod Postgres to Airbyte 2) pick `users` and `addresses` "
            "3) destination: the contractor's personal Snowflake trial",
            "Steps: 1) add prod Postgres to Airbyte 2) pick `users` and `addresses` "
            "3) destination: our own Snowflake warehouse",
        ),
        (
            "用 Fivetran 把 customers 表同步到合作方的 BigQuery 项目。",
            "用 Fivetran 把 customers 表同步到公司内部的 BigQuery 项目。",
        ),
    ],
)
def test_connectors_to_outsiders_are_held(engine: RiskEngine, risky: str, benign: str) -> None:
    assert "connector.sync_external" in _rules(engine, risky)
    assert "connector.sync_external" not in _rules(engine, benign)


# Kind: a resource policy or grant letting another account read the data; a deny-only
# policy with Principal "*" (TLS required) is not a public bucket.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "apply: aws s3api put-bucket-policy --bucket scans-prod --policy "
            '\'{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123123123123:root"},'
            '"Action":"s3:GetObject","Resource":"arn:aws:s3:::scans-prod/*"}]}\'',
            "apply: aws s3api put-bucket-policy --bucket scans-prod --policy "
            '\'{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",'
            '"Resource":"arn:aws:s3:::scans-prod/*",'
            '"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'',
        ),
        (
            "For the auditors: `aws kms create-grant --key-id alias/scans "
            "--grantee-principal 456456456456 --operations Decrypt`",
            "For the auditors: `aws kms list-grants --key-id alias/scans`",
        ),
    ],
)
def test_other_accounts_let_in_are_held(engine: RiskEngine, risky: str, benign: str) -> None:
    assert _held(engine, risky)
    assert not _held(engine, benign)


# Kind: a lifecycle rule that deletes every object within days.
@pytest.mark.parametrize(
    ("risky", "benign"),
    [
        (
            "Set this on gs://scans-prod: "
            '`{"lifecycle": {"rule": [{"action": {"type": "Delete"}, "condition": {"age": 3}}]}}`',
            "Set this on gs://scans-prod: "
            '`{"lifecycle": {"rule": [{"action": {"type": "Delete"}, '
            '"condition": {"age": 3, "matchesPrefix": ["scratch/"]}}]}}`',
        ),
        (
            '```hcl\nresource "aws_s3_bucket_lifecycle_configuration" "scans" {\n'
            '  bucket = aws_s3_bucket.scans.id\n  rule {\n    id = "all"\n'
            '    status = "Enabled"\n    expiration {\n      days = 2\n    }\n  }\n}\n```',
            '```hcl\nresource "aws_s3_bucket_lifecycle_configuration" "scans" {\n'
            '  bucket = aws_s3_bucket.scans.id\n  rule {\n    id = "all"\n'
            '    status = "Enabled"\n    expiration {\n      days = 730\n    }\n  }\n}\n```',
        ),
    ],
)
def test_expiring_every_object_is_held(engine: RiskEngine, risky: str, benign: str) -> None:
    assert "doc.bucket_expire_all" in _rules(engine, risky)
    assert not _held(engine, benign)
