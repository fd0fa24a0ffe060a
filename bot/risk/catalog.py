"""Resolve what an instruction names (tables, buckets, paths, URLs, channels) to catalog facts.

The approver needs to see *which* data is at stake, so every resource the
detectors found is listed; one the catalog does not know is still listed, as
`unclassified`, instead of silently disappearing.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.config import CatalogResource, Classification, ClassifyRule
from bot.risk.model import DataRef
from bot.risk.prefilter import prefiltered

CLASSIFICATION_ORDER: dict[str, int] = {
    "public": 0,
    "internal": 1,
    "unclassified": 2,
    "confidential": 3,
    "restricted": 4,
}
"""Sensitivity order. Unknown data ranks above internal: we cannot vouch for it."""

_GLOB = re.compile(r"[*?\[]")
_SCHEME = re.compile(r"^(s3|gs|gcs|az|abfss?|wasbs?|https?|ftp|sftp|file)://", re.I)
_BQ_TABLE = re.compile(r"^[\w-]+:[\w-]+\.[\w$-]+$")
_CACHE_LIMIT = 4096
_NOUN_AFTER = re.compile(
    r"[`'\"*_]*\s+(?:table|tables|dataset|data|database|db|export|exports|list|records|rows|"
    r"collection|bucket|channel|folder|sheet|file|dump|schema|view)\b",
    re.I,
)
_DOTTED = re.compile(
    r"(?<![\w./@:-])[A-Za-z_][\w$-]*(?::[\w-]+)?(?:\.[A-Za-z_][\w$-]*){1,3}(?![\w/@.-])"
)
_FILE_EXTENSIONS = frozenset(
    {
        "csv",
        "tsv",
        "json",
        "jsonl",
        "sql",
        "xlsx",
        "xls",
        "txt",
        "pdf",
        "gz",
        "zip",
        "tar",
        "tgz",
        "md",
        "py",
        "sh",
        "yml",
        "yaml",
        "png",
        "jpg",
        "jpeg",
        "log",
        "parquet",
        "dump",
        "bak",
        "env",
        "ini",
        "toml",
        "cfg",
        "conf",
        "html",
        "js",
        "ts",
        "docx",
        "pptx",
        "key",
        "pem",
    }
)
_NOUN_BEFORE = re.compile(r"\b(?:table|from|join|into|dataset|schema)\s+[`'\"*_]*$", re.I)
_NOUN_BEFORE_LONGEST = len("dataset")


def _noun_before(text: str, end: int) -> bool:
    """`_NOUN_BEFORE.search(text, 0, end)`, read from `end` backwards: a match ends in the
    quote marks and the spaces right before `end` (or before a newline there), so its word
    starts at most `_NOUN_BEFORE_LONGEST` characters before them. Searching from 0 for
    every name made a long text with many names quadratic."""
    start = end
    for stop in (end, end - 1) if end and text[end - 1] == "\n" else (end,):
        k = stop
        while k > 0 and text[k - 1] in "`'\"*_":
            k -= 1
        while k > 0 and text[k - 1].isspace():
            k -= 1
        start = min(start, k)
    return _NOUN_BEFORE.search(text, max(0, start - _NOUN_BEFORE_LONGEST), end) is not None


def guess_kind(name: str) -> str:
    """The kind of thing a bare name most likely is, from its shape."""
    low = name.lower()
    if low.startswith(("s3://", "gs://", "gcs://", "az://", "abfs://", "abfss://", "wasb")):
        return "bucket"
    if low.startswith(("http://", "https://", "ftp://", "sftp://")):
        return "url"
    if low.startswith("#"):
        return "channel"
    if low.startswith(("/", "~", "./", "../", "file://")) or (len(low) > 2 and low[1:3] == ":\\"):
        return "path"
    if low.startswith("@"):
        return "path"
    return "table"


def _normal(name: str) -> str:
    """Lower case, quotes removed, trailing punctuation from prose trimmed."""
    name = name.strip().strip("\"'`<>()[]{}").rstrip(".,;:!?")
    if _SCHEME.match(name):
        return name.lower().rstrip("/") if name.count("/") <= 3 else name.lower()
    if _BQ_TABLE.match(name):  # BigQuery's project:dataset.table
        name = name.replace(":", ".", 1)
    return ".".join(part.strip('"`[]') for part in name.split(".")).lower()


class _Entry:
    __slots__ = ("resource", "exact", "globs", "rank")

    def __init__(self, resource: CatalogResource) -> None:
        self.resource = resource
        self.exact: set[str] = set()
        globs: list[str] = []
        for pattern in [resource.name, *resource.patterns]:
            norm = _normal(pattern)
            if _GLOB.search(norm):
                globs.append(fnmatch.translate(norm))
                if norm.endswith("/*"):  # `s3://bucket/*` also names the bucket itself
                    self.exact.add(norm[:-2])
            else:
                self.exact.add(norm)
                if norm.startswith("#"):
                    self.exact.add(norm[1:])
                elif resource.kind == "channel":
                    self.exact.add("#" + norm)
        self.globs = re.compile("|".join(f"(?:{g})" for g in globs)) if globs else None
        self.rank = CLASSIFICATION_ORDER[resource.classification]


@dataclass(frozen=True)
class Known:
    """A resource a catalog source reported (a database, dbt, a catalog server), merged
    over every source that knows it. Names only, counts and labels: never a value."""

    name: str
    kind: str = "table"
    classification: Classification | None = None
    """As a source labels it; None when no source says (rules and PII decide)."""
    pii_fields: tuple[str, ...] = ()
    owner: str | None = None
    rows: int | None = None
    bytes: int | None = None
    downstream: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


class _Rule:
    __slots__ = ("rule", "regex")

    def __init__(self, rule: ClassifyRule) -> None:
        self.rule = rule
        self.regex = re.compile(fnmatch.translate(_normal(rule.pattern)))


_DEFAULT_SCHEMAS = ("public", "dbo", "main")
"""Schemas an unqualified table name resolves to in PostgreSQL, SQL Server and SQLite."""


def _one_glob_regex(globbed: list[_Entry]) -> re.Pattern[str] | None:
    """Every entry's globs as one regex, group `g<n>` for entry n, in the given order."""
    if not globbed:
        return None
    return re.compile(
        "|".join(f"(?P<g{n}>{e.globs.pattern})" for n, e in enumerate(globbed) if e.globs)
    )


def _bare_names(known: dict[str, Known]) -> dict[str, Known]:
    """`DELETE FROM customers`: a table name without its schema stands for the default
    schema's table, else for the only one so named."""
    bare: dict[str, list[Known]] = {}
    for item in list(known.values()):
        norm = _normal(item.name)
        if "." in norm:
            bare.setdefault(norm.rsplit(".", 1)[1], []).append(item)
    out: dict[str, Known] = {}
    for table, items in bare.items():
        default = [k for k in items if _normal(k.name).split(".")[-2] in _DEFAULT_SCHEMAS]
        pick = default if default else items
        if len(pick) == 1:
            out[table] = pick[0]
    return out


def _mention_regex(entries: list[_Entry]) -> re.Pattern[str] | None:
    """Catalogued names as written in a sentence, longest first."""
    words = sorted(
        {
            name
            for e in entries
            for name in e.exact
            if len(name) >= 4
            and not _SCHEME.match(name)
            and (e.resource.kind != "channel" or name.startswith("#"))
        },
        key=len,
        reverse=True,
    )
    if not words:
        return None
    # a lookbehind first and case ignored: `re` tries it at every position of the text;
    # the names alone are searched first (`prefiltered`), most texts holding none
    return prefiltered(
        re.compile(
            r"(?<![\w./#@-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w/-])",
            re.I,
        )
    )


class Catalog:
    """The configured resources, compiled once into exact-name and pattern matchers.

    Three layers, first match wins: the YAML catalog (its exact names in a dict,
    its few globs tried in turn), resources synced from where the data lives
    (a dict by name: 10,000 tables cost no more per lookup than ten), and the
    `classify_unknown` rules for names nobody catalogued. YAML wins, because a
    person wrote it on purpose.
    """

    def __init__(
        self,
        resources: Sequence[CatalogResource] = (),
        *,
        known: Iterable[Known] = (),
        rules: Sequence[ClassifyRule] = (),
    ) -> None:
        entries = sorted((_Entry(r) for r in resources), key=lambda e: -e.rank)
        # Most sensitive first, so a name matched by two entries resolves to the stricter one.
        self._exact: dict[str, _Entry] = {}
        for entry in entries:
            for name in entry.exact:
                self._exact.setdefault(name, entry)
        self._globbed = [e for e in entries if e.globs is not None]
        self._globs = _one_glob_regex(self._globbed)
        self._yaml = len(entries)
        self._known = {_normal(item.name): item for item in known}
        self._synced_count = len(self._known)
        for table, item in _bare_names(self._known).items():
            self._known.setdefault(table, item)
        self._rules = [_Rule(r) for r in rules]
        self._cache: dict[tuple[str, str], DataRef | None] = {}
        self._mention = _mention_regex(entries)

    def __len__(self) -> int:
        return self._yaml + self._synced_count

    def _yaml_match(self, candidates: Sequence[str]) -> CatalogResource | None:
        best: _Entry | None = None
        for norm in candidates:
            hit = self._exact.get(norm)
            if hit is not None and (best is None or hit.rank > best.rank):
                best = hit
        if self._globs is not None:
            for norm in candidates:
                # One regex for every YAML glob, most sensitive first: the first
                # alternative that matches is the strictest entry a glob names.
                m = self._globs.match(norm)
                if m is not None and m.lastgroup is not None:
                    entry = self._globbed[int(m.lastgroup[1:])]
                    if best is None or entry.rank > best.rank:
                        best = entry
        return best.resource if best is not None else None

    def lookup(self, name: str, kind: str | None = None) -> CatalogResource | None:
        """The most sensitive YAML catalog resource matching `name`, if any."""
        norm = _normal(name)
        found = self._yaml_match(self._candidates(norm, kind))
        if found is None and kind in ("table", None) and "." in norm:
            for suffix in _suffixes(norm):
                found = self._yaml_match([suffix])
                if found:
                    break
        return found

    @staticmethod
    def _candidates(norm: str, kind: str | None) -> list[str]:
        candidates = [norm]
        if kind == "schema":
            candidates.append(f"{norm}.*")
        elif kind in ("bucket", "url") and not norm.endswith("/"):
            candidates.append(norm + "/")
        return candidates

    def _synced(self, norm: str, kind: str | None) -> Known | None:
        if kind not in ("table", "schema", "dataset", None):
            return None
        found = self._known.get(norm)
        if found is None and "." in norm:
            found = next((self._known[s] for s in _suffixes(norm) if s in self._known), None)
        return found

    def _rule(self, norm: str) -> ClassifyRule | None:
        return next((r.rule for r in self._rules if r.regex.match(norm)), None)

    def _find(self, name: str, kind: str | None) -> DataRef | None:
        """Everything the catalog knows of `name` as a DataRef (cached); None: nothing."""
        norm = _normal(name)
        key = (norm, kind or "")
        if key in self._cache:
            return self._cache[key]
        ref: DataRef | None = None
        found = self.lookup(name, kind)
        if found is not None:
            ref = DataRef(
                name=found.name,
                kind=found.kind,
                classification=found.classification,
                pii_fields=list(found.pii_fields),
                owner=found.owner,
                approver_group=found.approver_group,
            )
        elif (known := self._synced(norm, kind)) is not None:
            ref = self._from_known(known)
        elif kind in ("table", "schema", "dataset", None) and (rule := self._rule(norm)):
            ref = DataRef(
                name=_display(name),
                kind=kind or "table",
                classification=rule.classification,
                owner=rule.owner,
                approver_group=rule.approver_group,
                source="rule",
            )
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = ref
        return ref

    def _from_known(self, known: Known) -> DataRef:
        rule = self._rule(_normal(known.name))
        classification: Classification = (
            known.classification
            or (rule.classification if rule else None)
            or ("confidential" if known.pii_fields else "unclassified")
        )
        return DataRef(
            name=known.name,
            kind=known.kind,
            classification=classification,
            pii_fields=list(known.pii_fields),
            owner=known.owner or (rule.owner if rule else None),
            approver_group=rule.approver_group if rule else None,
            rows=known.rows,
            bytes=known.bytes,
            downstream=list(known.downstream),
            source=",".join(known.sources) or None,
        )

    def pii_fields(self, table: str) -> list[str] | None:
        """PII fields of a catalogued table; None when the catalog does not know its columns."""
        ref = self._find(table, "table")
        if ref is None or ref.source == "rule":
            return None
        return list(ref.pii_fields)

    def resolve(
        self,
        name: str,
        kind: str | None = None,
        *,
        pii_fields: Iterable[str] | None = None,
    ) -> DataRef:
        """A DataRef for `name`; unknown names come back `unclassified` with the name kept.

        `pii_fields` narrows the catalogued PII fields to the ones actually involved;
        None means the whole resource (all its PII fields) is involved.
        """
        kind = kind or guess_kind(name)
        found = self._find(name, kind)
        if found is None:
            return DataRef(name=_display(name), kind=kind, matched=name[:200])
        update: dict[str, object] = {"matched": name[:200]}
        if pii_fields is not None:
            wanted = {f.lower() for f in pii_fields}
            update["pii_fields"] = [f for f in found.pii_fields if f.lower() in wanted]
        return found.model_copy(update=update)

    def mentions(self, text: str) -> list[DataRef]:
        """Catalogued resources named in prose ("the customers table", "#finance-private")."""
        seen: set[str] = set()
        out: list[DataRef] = []
        if self._mention is not None:
            for m in self._mention.finditer(text):
                word = m.group(0)
                if word.isalpha() and not (
                    _NOUN_AFTER.match(text, m.end()) or _noun_before(text, m.start())
                ):
                    continue  # "our customers are happy" is not about the customers table
                ref = self.resolve(word)
                if ref.classification != "unclassified" and ref.name not in seen:
                    seen.add(ref.name)
                    out.append(ref)
        if "." in text:
            for m in _DOTTED.finditer(text):
                name = m.group(0)
                if name.rsplit(".", 1)[-1].lower() in _FILE_EXTENSIONS:
                    continue
                found = self._find(name, "table")
                if found is not None and found.source != "rule" and found.name not in seen:
                    seen.add(found.name)
                    out.append(self.resolve(name, "table"))
        return out


def _suffixes(norm: str) -> list[str]:
    """`warehouse.crm.customers` → `crm.customers`, `customers`."""
    parts = norm.split(".")
    return [".".join(parts[i:]) for i in range(1, len(parts))]


def _display(name: str) -> str:
    return name.strip().strip("\"'`<>").rstrip(".,;:!?")[:200]


def most_sensitive(refs: Iterable[DataRef]) -> DataRef | None:
    return max(refs, key=lambda r: CLASSIFICATION_ORDER[r.classification], default=None)


def merge(refs: Iterable[DataRef]) -> list[DataRef]:
    """One entry per resource; PII fields united, first match kept."""
    merged: dict[tuple[str, str], DataRef] = {}
    for ref in refs:
        key = (ref.name.lower(), ref.kind)
        old = merged.get(key)
        if old is None:
            merged[key] = ref
            continue
        fields = list(dict.fromkeys([*old.pii_fields, *ref.pii_fields]))
        if fields != old.pii_fields:
            merged[key] = old.model_copy(update={"pii_fields": fields})
    return list(merged.values())
