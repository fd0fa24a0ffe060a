"""Mongo shell writes and drops, and dataframe writes that replace a table."""

from __future__ import annotations

import pytest

from bot.config_file import load_config
from bot.risk import RiskEngine
from bot.risk.dataframe import DATAFRAME_RULES, assess_dataframe
from bot.risk.mongo import MONGO_RULES, assess_mongo
from tests.conftest import EXAMPLE

PII = {"customers": ("email", "phone", "ssn"), "orders": ()}


def mongo_rules(text: str) -> set[str]:
    return {f.rule for f in assess_mongo(text, PII.get).findings}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("db.orders.deleteMany({})", "mongo.delete_all"),
        ("db.orders.deleteMany( { } )", "mongo.delete_all"),
        ("db.orders.remove({})", "mongo.delete_all"),
        ("db.getCollection('orders').deleteMany({})", "mongo.delete_all"),
        ('db.getSiblingDB("shop").orders.deleteMany({})', "mongo.delete_all"),
        ("db.orders.drop()", "mongo.drop"),
        ("use shop\ndb.dropDatabase()", "mongo.drop_database"),
        ('mongosh "mongodb://prod" --eval "db.dropDatabase()"', "mongo.drop_database"),
        ("db.orders.updateMany({}, {$set: {status: 'void'}})", "mongo.update_all"),
        ("db.customers.deleteMany({created: {$lt: ISODate('2020-01-01')}})", "mongo.bulk_pii"),
        ("db.customers.updateMany({score: {$gt: 3}}, {$unset: {email: ''}})", "mongo.bulk_pii"),
        ("db.leads.updateMany({source: 'web'}, {$unset: {phone: 1}})", "mongo.unset_pii"),
        ("db.orders.aggregate([{$match: {}}, {$out: 'orders'}])", "mongo.aggregate_out"),
        # driver code
        ('db["orders"].delete_many({})', "mongo.delete_all"),
        ("db.collection('orders').deleteMany({})", "mongo.delete_all"),
        ("client.shop.orders.drop()", "mongo.drop"),
        (
            'client["shop"]["orders"].update_many({}, {"$set": {"status": "void"}})',
            "mongo.update_all",
        ),
        ('client.drop_database("shop")', "mongo.drop_database"),
        ('db.drop_collection("orders")', "mongo.drop"),
        ('db.customers.delete_many({"created": {"$lt": cutoff}})', "mongo.bulk_pii"),
    ],
)
def test_risky_mongo(text: str, rule: str) -> None:
    assert rule in mongo_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "db.orders.find({})",
        "db.orders.findOne({_id: ObjectId('65a1')})",
        "db.orders.countDocuments({})",
        "db.orders.deleteOne({_id: ObjectId('65a1')})",
        "db.customers.deleteMany({_id: {$in: [1, 2, 3]}})",
        "db.orders.deleteMany({status: 'test', created: {$lt: ISODate('2020-01-01')}})",
        "db.customers.updateOne({_id: 7}, {$unset: {phone: ''}})",
        "db.orders.aggregate([{$match: {status: 'A'}}, {$group: {_id: '$sku'}}])",
        "db.orders.getIndexes()",
        "The db.orders collection has a drop-down menu.",
        'db["orders"].find_one({"_id": oid})',
        'client.shop.orders.delete_one({"_id": oid})',
        'db.collection("orders").countDocuments({})',
        "df.drop(columns=['email'])",
        "client.close()",
    ],
)
def test_benign_mongo(text: str) -> None:
    assert mongo_rules(text) == set()


def test_mongo_finds_its_collection() -> None:
    result = assess_mongo("db.customers.drop()", PII.get)
    assert result.collections == ["customers"]


def test_mongo_rules_carry_reasons_and_examples() -> None:
    for rule in MONGO_RULES:
        assert rule.reason and rule.match and rule.not_match
        for text in rule.match:
            assert rule.id in mongo_rules(text), (rule.id, text)
        for text in rule.not_match:
            assert rule.id not in mongo_rules(text), (rule.id, text)


@pytest.mark.parametrize(
    "text",
    [
        'df.write.mode("overwrite").saveAsTable("prod.customers")',
        "df.write.format('delta').mode('overwrite').save('s3://lake/customers')",
        'df.write.saveAsTable("analytics.orders", mode="overwrite")',
        'df.write.insertInto("prod.orders", overwrite=True)',
        'df.to_sql("customers", engine, if_exists="replace", index=False)',
        "df.to_sql(\n    'customers',\n    con=engine,\n    if_exists='replace',\n)",
        'df.writeTo("prod.orders").createOrReplace()',
        'pl_df.write_database("customers", uri, if_table_exists="replace")',
    ],
)
def test_risky_dataframe_writes(text: str) -> None:
    assert assess_dataframe(text).findings, text


@pytest.mark.parametrize(
    "text",
    [
        'df.write.mode("append").saveAsTable("prod.customers")',
        'df.to_sql("customers", engine, if_exists="append")',
        'df.write.mode("overwrite").parquet("/tmp/scratch/customers")',
        'df.to_csv("customers.csv")',
        'df = spark.read.table("prod.customers")',
        'df.writeTo("prod.orders").append()',
    ],
)
def test_benign_dataframe_writes(text: str) -> None:
    assert assess_dataframe(text).findings == [], text


def test_dataframe_rules_carry_reasons_and_examples() -> None:
    for rule in DATAFRAME_RULES:
        assert rule.reason and rule.match and rule.not_match
        for text in rule.match:
            assert rule.id in {f.rule for f in assess_dataframe(text).findings}, (rule.id, text)
        for text in rule.not_match:
            assert rule.id not in {f.rule for f in assess_dataframe(text).findings}


def test_engine_reads_mongo_and_dataframes_anywhere() -> None:
    engine = RiskEngine(load_config(EXAMPLE))
    held = [
        "Quickest is to run db.orders.deleteMany({}) in mongosh and reseed.",
        "```js\nuse shop\ndb.customers.drop()\n```",
        "Then `df.write.mode('overwrite').saveAsTable('crm.customers')` to refresh it.",
    ]
    for text in held:
        assert engine.assess(text).decision != "allow", text
    a = engine.assess("Then db.customers.drop() and reseed")
    assert "customers" in [d.name for d in a.data]
    fine = [
        "Quickest is to run db.orders.countDocuments({}) in mongosh and compare.",
        "Then `df.write.mode('append').saveAsTable('crm.customers')` to refresh it.",
    ]
    for text in fine:
        assert engine.assess(text).decision == "allow", text


def test_a_write_call_that_never_closes_is_held() -> None:
    assert "mongo.unreadable" in mongo_rules("db.orders.deleteMany({status: " + "{" * 50)
    assert mongo_rules("db.orders.find({status: " + "{" * 50) == set()
