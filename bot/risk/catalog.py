"""Resolve what an instruction names (tables, buckets, paths, URLs, channels) to catalog facts.

The approver needs to see *which* data is at stake, so every resource the
detectors found is listed; one the catalog does not know is still listed, as
`unclassified`, instead of silently disappearing.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence

from bot.config import CatalogResource
from bot.risk.model import DataRef

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

    def matches(self, norm: str) -> bool:
        return norm in self.exact or bool(self.globs and self.globs.match(norm))


class Catalog:
    """The configured resources, compiled once into exact-name and pattern matchers."""

    def __init__(self, resources: Sequence[CatalogResource] = ()) -> None:
        self._entries = [_Entry(r) for r in resources]
        # Most sensitive first, so a name matched by two entries resolves to the stricter one.
        self._entries.sort(key=lambda e: -e.rank)
        self._cache: dict[tuple[str, str], CatalogResource | None] = {}
        words = sorted(
            {
                name
                for e in self._entries
                for name in e.exact
                if len(name) >= 4
                and not _SCHEME.match(name)
                and (e.resource.kind != "channel" or name.startswith("#"))
            },
            key=len,
            reverse=True,
        )
        self._mention = (
            re.compile(
                r"(?<![\w./#@-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w/-])",
                re.I,
            )
            if words
            else None
        )

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, name: str, kind: str | None = None) -> CatalogResource | None:
        """The most sensitive catalog resource matching `name`, if any."""
        norm = _normal(name)
        key = (norm, kind or "")
        if key in self._cache:
            return self._cache[key]
        found = None
        candidates = [norm]
        if kind == "schema":
            candidates.append(f"{norm}.*")
        elif kind in ("bucket", "url") and not norm.endswith("/"):
            candidates.append(norm + "/")
        for entry in self._entries:
            if any(entry.matches(c) for c in candidates):
                found = entry.resource
                break
        if found is None and kind in ("table", None) and "." in norm:
            # `"CRM"."customers"` or a database-qualified name: try the shorter suffixes too.
            parts = norm.split(".")
            for i in range(1, len(parts)):
                suffix = ".".join(parts[i:])
                found = next((e.resource for e in self._entries if e.matches(suffix)), None)
                if found:
                    break
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = found
        return found

    def pii_fields(self, table: str) -> list[str] | None:
        """PII fields of a catalogued table; None when the catalog does not know it."""
        found = self.lookup(table, "table")
        return list(found.pii_fields) if found is not None else None

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
        found = self.lookup(name, kind)
        if found is None:
            return DataRef(name=_display(name), kind=kind, matched=name[:200])
        fields = list(found.pii_fields)
        if pii_fields is not None:
            wanted = {f.lower() for f in pii_fields}
            fields = [f for f in fields if f.lower() in wanted]
        return DataRef(
            name=found.name,
            kind=found.kind,
            classification=found.classification,
            pii_fields=fields,
            owner=found.owner,
            approver_group=found.approver_group,
            matched=name[:200],
        )

    def mentions(self, text: str) -> list[DataRef]:
        """Catalogued resources named in prose ("the customers table", "#finance-private")."""
        if self._mention is None:
            return []
        seen: set[str] = set()
        out: list[DataRef] = []
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
                found = self.lookup(name, "table")
                if found is not None and found.name not in seen:
                    seen.add(found.name)
                    out.append(self.resolve(name, "table"))
        return out


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
