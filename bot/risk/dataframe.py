"""Dataframe writes that replace a table: pandas, Spark, polars.

`df.to_sql("customers", engine, if_exists="replace")` drops and recreates the
table; Spark's `mode("overwrite")` on a table or a shared path throws away what
was there. Appends and local scratch files are fine. Rules are data: a pattern
for the write, one for the replace mode, a reason and examples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.config import Risk
from bot.risk.model import Finding

_STR = r"""(?:'(?P<q1>[^'\n]{1,200})'|"(?P<q2>[^"\n]{1,200})")"""
# A path on shared storage (object stores, DBFS, HDFS, Unity volumes), not a laptop's /tmp.
_SHARED_PATH = re.compile(r"^(?:s3a?|gs|abfss?|wasbs?|adl|dbfs|hdfs|oci|r2):|^/(?:mnt|Volumes)/")


@dataclass(frozen=True, slots=True)
class DataframeRule:
    id: str
    risk: Risk
    reason: str
    """`{target}` is the table or path replaced."""
    write: re.Pattern[str]
    """The write call; its `t` group (or a quoted first argument) names the target."""
    replace: re.Pattern[str] | None
    """The option that makes it a replacement; None when the call itself replaces."""
    paths: bool
    """The target is a path: only shared storage counts."""
    match: tuple[str, ...]
    not_match: tuple[str, ...]


def _rule(
    id: str,
    reason: str,
    write: str,
    replace: str | None,
    match: Sequence[str],
    not_match: Sequence[str],
    *,
    paths: bool = False,
    risk: Risk = "high",
) -> DataframeRule:
    return DataframeRule(
        id,
        risk,
        reason,
        re.compile(write, re.S),
        re.compile(replace, re.S) if replace else None,
        paths,
        tuple(match),
        tuple(not_match),
    )


_OVERWRITE = (
    r"""mode\s*(?:\(\s*|=\s*)['"]overwrite['"]|SaveMode\.Overwrite|\.mode\(\s*SaveMode\.Overwrite"""
)

DATAFRAME_RULES: tuple[DataframeRule, ...] = (
    _rule(
        "dataframe.replace_table",
        "Replaces the table {target} with a dataframe: its current rows are dropped.",
        rf"\.to_sql\(\s*(?:name\s*=\s*)?{_STR}",
        r"""if_exists\s*=\s*['"]replace['"]""",
        ['df.to_sql("customers", engine, if_exists="replace")'],
        ['df.to_sql("customers", engine, if_exists="append")', 'df.to_csv("customers.csv")'],
    ),
    _rule(
        "dataframe.replace_table",
        "Replaces the table {target} with a dataframe: its current rows are dropped.",
        rf"\.write_database\(\s*(?:table_name\s*=\s*)?{_STR}",
        r"""if_table_exists\s*=\s*['"]replace['"]""",
        ['pl_df.write_database("customers", uri, if_table_exists="replace")'],
        ['pl_df.write_database("customers", uri, if_table_exists="append")'],
    ),
    _rule(
        "dataframe.overwrite_table",
        "Overwrites the table {target}: every row it held is replaced by this dataframe.",
        rf"\.(?:saveAsTable|insertInto)\(\s*{_STR}",
        rf"{_OVERWRITE}|overwrite\s*=\s*True",
        [
            'df.write.mode("overwrite").saveAsTable("prod.customers")',
            'df.write.insertInto("prod.orders", overwrite=True)',
        ],
        ['df.write.mode("append").saveAsTable("prod.customers")', 'df.write.insertInto("t")'],
    ),
    _rule(
        "dataframe.overwrite_table",
        "Overwrites the table {target}: every row it held is replaced by this dataframe.",
        rf"\.writeTo\(\s*{_STR}\s*\)(?:\.\w+\([^()]*\))*\.(?:createOrReplace|replace|overwrite)\(",
        None,
        ['df.writeTo("prod.orders").createOrReplace()'],
        ['df.writeTo("prod.orders").append()', 'df.writeTo("prod.orders").create()'],
    ),
    _rule(
        "dataframe.overwrite_path",
        "Overwrites the data at {target} on shared storage with this dataframe.",
        rf"\.(?:save|parquet|csv|json|orc|text|delta)\(\s*(?:path\s*=\s*)?{_STR}",
        _OVERWRITE,
        ["df.write.format('delta').mode('overwrite').save('s3://lake/customers')"],
        [
            'df.write.mode("overwrite").parquet("/tmp/scratch/customers")',
            "df.write.mode('append').save('s3://lake/customers')",
        ],
        paths=True,
    ),
)


@dataclass(slots=True)
class DataframeResult:
    findings: list[Finding] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)


def assess_dataframe(text: str) -> DataframeResult:
    """Findings for dataframe writes in one statement (a span), and the tables they name."""
    result = DataframeResult()
    for rule in DATAFRAME_RULES:
        for m in rule.write.finditer(text):
            target = m.group("q1") or m.group("q2") or ""
            if rule.replace is not None and not rule.replace.search(text):
                continue
            if rule.paths and not _SHARED_PATH.match(target):
                continue
            if not rule.paths and target not in result.tables:
                result.tables.append(target)
            result.findings.append(
                Finding(
                    rule=rule.id,
                    category="destructive",
                    reason=rule.reason.format(target=target),
                    risk=rule.risk,
                    verdict="require_approval",
                    evidence=text[:200],
                )
            )
    return result
