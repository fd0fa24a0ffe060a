"""The risk engine: one instruction in, one Assessment out.

normalize → extract → detect (sql, shell, prose, secrets, text rules) →
catalog lookup → policy. Everything expensive (regexes, parsers, catalog
matchers, rule proofs) is built once in `RiskEngine.__init__`; `assess` only
runs them. It fails closed: a detector that raises becomes an `engine.error`
finding that needs a person, never an "allow".
"""

from __future__ import annotations

import functools
import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import accumulate
from typing import TypeVar

from bot.config import RISK_ORDER, VERDICT_ORDER, TwoKeyConfig
from bot.risk import calls, sql_budget
from bot.risk.agreement import (
    agree,
    agree_said,
    applies_shown_policy,
    keys_not_commands,
    lead_in,
    metadata_posted,
    no_ones_copied,
    rows_written_out,
)
from bot.risk.calls import ToolCall
from bot.risk.catalog import CLASSIFICATION_ORDER, Catalog, Known, merge
from bot.risk.command_scope import (
    COMMAND_KINDS,
    OWN_USE_RULES,
    SAYS_PROD,
    Why,
    bounded_write,
    has_report_words,
    judge,
    lower_findings,
    never_lowered,
    opens_session,
    passes_on,
    quote_adopted,
    reads_only,
    rerun_elsewhere,
    selections,
)
from bot.risk.config_writes import written
from bot.risk.dataframe import assess_dataframe
from bot.risk.doc_scope import heading_scope
from bot.risk.documents import assess_documents, verify_document_rules
from bot.risk.extract import Candidate, Extractor, client_sql, context_at
from bot.risk.listing import heading_of
from bot.risk.model import Assessment, DataRef, Finding
from bot.risk.mongo import assess_mongo
from bot.risk.normalize import normalize
from bot.risk.packs.connectors import assess_connectors
from bot.risk.policy import Part, Policy
from bot.risk.prose import Dump, assess_prose, dumped_files
from bot.risk.prose.cues import outsider_or_sensitive
from bot.risk.prose.text import lower as lower_text
from bot.risk.prose.untrusted_run import runs_code, untrusted_runs
from bot.risk.public_kind import public_by_kind
from bot.risk.secrets import mask_known, scan_secrets
from bot.risk.shell import assess_shell, looks_like_shell
from bot.risk.sql import SqlDetector, SqlResult, bulk_change_in_production, verify_sql_rules
from bot.risk.text_calls import text_calls
from bot.risk.windows import assess_windows, verify_windows_rules

log = logging.getLogger(__name__)
T = TypeVar("T")

_ORDER_LOWERS = frozenset({"warning", "report", "hypothetical", "proposal", "question"})
"""Scopes that say the command is not ordered; a later order to run it again undoes them."""
_SQL_PUNCTUATION = re.compile(r"[;=()*'\"]")
_EVIDENCE_LIMIT = 200
_FEW_COMMANDS = 16
"""Up to this many commands in a message, the ones holding another are found by search."""
_MASK_CACHE_LIMIT = 2048
_SQL_RULES_VERIFIED = False


def _own_use_asked(why: Why | None, findings: Sequence[Finding]) -> bool:
    """Whether to ask if a secret read stays with the reader: no other scope, or a local
    one (a dev database) that leaves a secret read standing while every finding held is
    such a read (`export PGPASSWORD=$(… dev/db) && psql -h dev-db`)."""
    held = [f for f in findings if f.verdict != "allow"]
    if not any(f.rule in OWN_USE_RULES for f in held):
        return False
    return why is None or (why == "local" and all(f.rule in OWN_USE_RULES for f in held))


def _engine_error(detector: str, exc: BaseException) -> Finding:
    return Finding(
        rule="engine.error",
        category="engine",
        reason=f"The {detector} check failed on this instruction, so a person must look at it.",
        risk="medium",
        verdict="require_approval",
        evidence=type(exc).__name__,
    )


_BLANKED_MIN = 6
"""Commands shorter than this are left in the prose when blanking it (`ls` is in "tools")."""


class RiskEngine:
    """Compiled once per configuration; `assess` is cheap and thread-safe for reading."""

    def __init__(self, config: TwoKeyConfig | None = None) -> None:
        global _SQL_RULES_VERIFIED
        self.config = config or TwoKeyConfig()
        policy_config = self.config.policy
        if not _SQL_RULES_VERIFIED:
            verify_sql_rules()
            verify_windows_rules()
            verify_document_rules()
            _SQL_RULES_VERIFIED = True
        self.catalog = Catalog(self.config.catalog, rules=self.config.classify_unknown)
        self.domains: tuple[str, ...] = tuple(policy_config.company_domains)
        self.sql = SqlDetector(self._pii_fields, company_domains=self.domains)
        self.extractor = Extractor(looks_like_shell)
        self.policy = Policy(policy_config, self.config.agents, lambda s: normalize(s).text)
        self.max_bytes = policy_config.max_text_bytes
        self._mask_cache: dict[str, str] = {}

    # -- public -------------------------------------------------------------------------------

    def use_catalog(self, known: Iterable[Known]) -> None:
        """Swap in resources synced from where the data lives (`bot.catalog`); the YAML
        catalog still wins. One assignment: a concurrent `assess` sees old or new, whole."""
        self.catalog = Catalog(self.config.catalog, known=known, rules=self.config.classify_unknown)

    def _pii_fields(self, table: str) -> list[str] | None:
        return self.catalog.pii_fields(table)

    def assess(
        self,
        text: str,
        *,
        agent: str | None = None,
        confidence: float | None = None,
        kind: str | None = None,
        resources: Sequence[str] = (),
        pieces: Sequence[str] = (),
        extra: Sequence[Finding] = (),
    ) -> Assessment:
        """`pieces` are read as instructions of their own besides `text` (a tool call's
        argument values); `extra` are findings a caller already made (a call's name)."""
        try:
            with sql_budget.budget():  # the parser's share of one assessment
                return self._assess(text, agent, confidence, kind, resources, pieces, extra)
        except Exception as exc:  # the last line of defence: never "allow" on a crash
            log.exception("risk engine failed; holding the instruction for a person")
            return Assessment(
                decision="require_approval",
                risk="medium",
                findings=[_engine_error("risk engine", exc)],
                masked_text=self._safe_mask(text),
                required_approvals=self.config.policy.quorum.for_risk("medium"),
                approver_group=self.config.policy.default_approver_group,
                timeout_seconds=self.config.policy.default_timeout,
            )

    def assess_call(
        self,
        call: ToolCall,
        *,
        agent: str | None = None,
        confidence: float | None = None,
        resources: Sequence[str] = (),
    ) -> tuple[str, Assessment]:
        """A tool call as structure: its canonical text (what the approver reads and the
        execution token covers) and the verdict on its name, flags and every argument."""
        text = calls.render(call).text
        extra = calls.findings(call, self.config.policy.allow_unseen_arguments)
        try:
            pieces = calls.pieces(call)
        except calls.TooDeep as exc:
            pieces, extra = [], [*extra, calls.too_large(str(exc))]
        assessment = self.assess(
            text,
            agent=agent,
            confidence=confidence,
            resources=resources,
            pieces=pieces,
            extra=extra,
        )
        return text, assessment

    # -- the pipeline ---------------------------------------------------------------------------

    def _assess(
        self,
        text: str,
        agent: str | None,
        confidence: float | None,
        kind: str | None,
        resources: Sequence[str],
        pieces: Sequence[str] = (),
        extra: Sequence[Finding] = (),
    ) -> Assessment:
        head = Part(findings=list(extra))
        parts: list[Part] = [head]
        text = self._within_size(text, head)
        secrets = self._guard(head, "secret and personal-data", lambda: scan_secrets(text))
        masked = secrets.masked if secrets is not None else None
        # every value masked anywhere: evidence windows cut from the text may hold pieces
        known: list[tuple[str, str]] = []
        if secrets is not None:
            head.findings += secrets.findings
            known += secrets.values

        norm = self._guard(head, "normalization", lambda: normalize(text))
        clean = norm.text if norm is not None else text
        decoded: list[str] = list(norm.decoded) if norm is not None else []
        if norm is not None:
            head.findings += norm.findings
        if clean != text:  # detectors read the normalized text: its values may be spelled apart
            found_clean = self._guard(head, "secret", lambda: scan_secrets(clean))
            if found_clean is not None:
                known += found_clean.values

        context = [self.catalog.resolve(r) for r in resources]
        head.data += context

        texts = [clean, *decoded, *(normalize(p).text for p in pieces)]
        for i, piece in enumerate(texts):
            if i > 0:  # a payload that was hidden by an encoding may itself hold secrets
                found = self._guard(head, "secret", functools.partial(scan_secrets, piece))
                if found is not None:
                    head.findings += found.findings
                    known += found.values
            hint = kind if i <= len(decoded) else None  # a piece's own reading: no hint
            parts += self._read(piece, hint, head, context)

        if masked is None:
            masked = self._safe_mask(text)
        hidden = masked != text or clean != text or bool(decoded)
        return self._decide(parts, agent, confidence, masked, hidden, known)

    def _within_size(self, text: str, head: Part) -> str:
        """The text cut to `max_bytes`, with a finding that says a person must read the rest."""
        raw = text.encode("utf-8", "surrogatepass")
        if len(raw) <= self.max_bytes:
            return text
        head.findings.append(
            Finding(
                rule="engine.too_large",
                category="engine",
                reason=(
                    f"The instruction is longer than {self.max_bytes} bytes; only the start"
                    " was checked, so a person must look at the rest."
                ),
                risk="medium",
                verdict="require_approval",
            )
        )
        return raw[: self.max_bytes].decode("utf-8", "ignore")

    def _read(self, piece: str, hint: str | None, head: Part, context: list[DataRef]) -> list[Part]:
        """One text's parts: policy rules, what its content names, and each candidate."""
        head.findings += (
            self._guard(head, "policy rule", functools.partial(self.policy.rule_findings, piece))
            or []
        )
        content, regions, shown, ran = self._by_content(piece, context)
        candidates = self._guard(
            head, "extraction", functools.partial(self.extractor.extract, piece, hint)
        )
        if candidates is None:
            return [content]
        judged: list[tuple[Candidate, Part]] = []
        unread: str | None = None
        dumps = dumped_files(c.text for c in candidates if c.kind == "shell")
        # asked at most once per text, and only when an unlisted company domain is sent to
        cued = functools.cache(lambda: outsider_or_sensitive(lower_text(piece)))
        for cand in candidates:
            if cand.kind == "sql" and not sql_budget.statements_left():
                unread = cand.text if unread is None else unread  # past what one assessment reads
                continue
            part = Part(data=list(context))
            self._candidate(cand, part, dumps, cued)
            judged.append((cand, part))
        self._untrusted_runs(judged, piece)
        leads = self._scope(judged, piece, ran)
        prose = [part for cand, part in judged if cand.kind == "prose"]
        agree(prose, regions, leads)
        agree_said([p for c, p in judged if c.kind == "shell" and not c.in_prose], regions)
        keys_not_commands(judged, regions)
        metadata_posted(judged, self.domains)
        no_ones_copied(judged)
        rows_written_out(judged, piece)
        applies_shown_policy(judged, shown)
        parts = [content, *(part for _, part in judged)]
        public_by_kind(parts, piece)
        if unread is not None:
            self._hold_unread(unread, head, parts)
        return parts

    def _untrusted_runs(self, judged: Sequence[tuple[Candidate, Part]], piece: str) -> None:
        """A command that runs or installs code, where the prose around it says the code
        comes from an untrusted source: the command is the verb the prose leaves out
        (`prose.untrusted_run`). Scoped afterwards like any command's finding."""
        commands = [
            (c, p) for c, p in judged if c.kind == "shell" and not c.in_prose and runs_code(c.text)
        ]
        if not commands:
            return
        blanked = piece
        for cand, _ in judged:
            if cand.kind == "shell" and not cand.in_prose and len(cand.text) >= _BLANKED_MIN:
                blanked = blanked.replace(cand.text, " " * len(cand.text))
        texts = [c.text for c, _ in commands]
        head = commands[0][1]
        found = self._guard(head, "prose", partial(untrusted_runs, piece, texts, blanked))
        for (_, part), finding in zip(commands, found or [], strict=False):
            if finding is not None:
                part.findings.append(finding)

    def _hold_unread(self, statement: str, head: Part, parts: Sequence[Part]) -> None:
        """SQL statements past the statement budget (`sql_budget`) are not read: the one
        `sql.too_long` finding holds them, shown with the first. When this text's parts no
        longer hold that finding (a reader gave it way, or an earlier text has it), one of
        their own: whatever is left unread is held, never passed."""
        found = self._guard(head, "SQL", partial(self.sql.unread, statement))
        if found is None or found:
            head.findings += found or []
            return
        if not any(f.rule == "sql.too_long" for part in (head, *parts) for f in part.findings):
            head.findings += (
                self._guard(head, "SQL", partial(self.sql.unread, statement, again=True)) or []
            )

    def _decide(
        self,
        parts: list[Part],
        agent: str | None,
        confidence: float | None,
        masked: str,
        hidden: bool,
        known: list[tuple[str, str]],
    ) -> Assessment:
        decision = self.policy.decide(parts, agent=agent, confidence=confidence)
        data = merge(ref for part in parts for ref in part.data)
        data.sort(key=lambda d: -_rank(d))
        findings = self._finish(decision.findings, hidden=hidden, known=known)
        if hidden:  # a resource named by a URL can carry a token (`?sig=…`, `user:pass@`)
            data = [self._mask_ref(d, known) for d in data]
        return Assessment(
            decision=decision.decision,
            risk=decision.risk,
            findings=findings,
            data=data,
            masked_text=masked,
            required_approvals=decision.required_approvals,
            approver_group=decision.approver_group,
            timeout_seconds=decision.timeout_seconds,
        )

    def _candidate(
        self,
        cand: Candidate,
        part: Part,
        dumps: tuple[Dump, ...] = (),
        cued: Callable[[], bool] | None = None,
    ) -> None:
        """`dumps`: the database dumps the message's commands run (a sentence that sends the
        file of one that writes rows sends every row); `cued`: the whole text marks an
        outsider or sensitive material (`cues.outsider_or_sensitive`)."""
        if cand.kind == "sql":
            result = self._guard(part, "SQL", lambda: self.sql.assess(cand.text))
            if result is None:
                return
            if result.parse_failed and not cand.explicit and not _SQL_PUNCTUATION.search(cand.text):
                # Bare words that only looked like SQL ("Delete from the list …"): prose.
                result.findings = [f for f in result.findings if f.rule != "sql.unparsed"]
                self._prose(cand.text, part, dumps, cued)
            self._sql_result(result, part)
            part.findings += bulk_change_in_production(result, cand.context)
        elif cand.kind == "shell":
            self._shell(cand.text, part, cand.context)
            # Commands carry sharing too (`--type anyone`, an outside address in a flag):
            # the prose detector reads them as well, unless the span was left in prose it
            # reads anyway (`in_prose`); the catalog still names the span's own data.
            if cand.in_prose:
                part.data += self.catalog.mentions(cand.text)
            else:
                self._prose(cand.text, part, dumps, cued)
        elif cand.kind in ("mongo", "dataframe", "unread"):
            self._call(cand, part)
        else:
            self._prose(cand.text, part, dumps, cued)

    def _scope(
        self,
        judged: Sequence[tuple[Candidate, Part]],
        message: str,
        ran: dict[str, Why] | None = None,
    ) -> list[tuple[str, Why | None]]:
        """A command named in a warning, a report, a hypothetical or a proposal, or aimed at
        this machine, is not an order: its own findings are lowered (see `command_scope`).
        A statement read out of a command (`psql -c '…'`) is scoped as that command is.
        Returns the lead-in of each lowered command (the words right before it in its
        sentence) with why, and of each command that only reads or only rehearses (why
        None): the prose reader's reading of those words must agree (`agreement`). `ran`:
        the commands documents run that are not orders, with why (`doc_scope`, an image
        build's own files): the same command read from the text is scoped the same."""
        whys = _Whys(self, [(c, p) for c, p in judged if c.kind in COMMAND_KINDS], message)
        whys.ran = ran or {}
        leads: list[tuple[str, Why | None]] = []
        for i, (cand, part) in enumerate(whys.commands):
            if not any(f.verdict != "allow" for f in part.findings):
                if cand.context and (reads_only(cand) or bounded_write(cand, lead_in(cand))):
                    leads.append((lead_in(cand), None))
                continue
            if never_lowered(part.findings):
                continue  # held for how it reads (64 KB of SQL left unread): no scope lowers it
            why = self._command_why(whys, i)
            if why is None:
                continue
            findings, lowered = lower_findings(part.findings, why)
            if lowered:
                part.findings = findings
                if all(f.verdict == "allow" for f in findings):
                    part.data = []
                    leads.append((lead_in(cand), why))
        return leads

    def _command_why(self, whys: _Whys, i: int) -> Why | None:
        """Why command `i` is not an order: its own sentence, a command it is part of, the
        heading over its step; none when it is re-run elsewhere; its owner's own use."""
        cand, part = whys.commands[i]
        message = whys.message
        # a postmortem's `> ` lines quote what was run; they order nothing
        quoted = cand.quoted and not quote_adopted(message)
        why: Why | None = "report" if quoted else whys.of(i)
        if why is None:
            why = whys.enclosing(i)
        if why is None:
            why = next((w for script, w in whys.ran.items() if cand.text in script), None)
        if why is None and cand.context:
            heading = heading_of(message, max(0, message.find(cand.text)))
            if heading is not None:  # "Never do any of these on prod:" above the step
                headed = self._guard(
                    part, "scope", partial(heading_scope, heading, cand.text, message)
                )
                why = headed
        if why is None and cand.kind in ("sql", "mongo"):
            in_session = self._guard(part, "scope", partial(whys.session, i))
            why = in_session
        if why in _ORDER_LOWERS and self._guard(
            part, "scope", partial(rerun_elsewhere, cand, message)
        ):
            why = None  # "… so run the same DELETE on staging now": an order after all
        if _own_use_asked(why, part.findings):
            reads = [f.evidence or "" for f in part.findings if f.rule in OWN_USE_RULES]
            passed = self._guard(
                part, "scope", partial(passes_on, cand.text, message, self.domains, reads)
            )
            why = "own_use" if passed is False else why if why == "local" else None
        return why

    def _scoped_in(self, text: str, finding: Finding) -> list[Finding]:
        """A command found by its own reader is scoped by its sentence as any other is."""
        evidence = finding.evidence or ""
        at = text.find(evidence) if evidence else -1
        if at < 0 or finding.verdict == "allow":
            return [finding]
        try:
            cand = Candidate("shell", evidence, True, context_at(text, at, at + len(evidence)))
            why = judge(cand)
        except Exception as exc:  # fail closed: the finding stands
            log.warning("scope check raised %s; the finding stands", type(exc).__name__)
            return [finding]
        return lower_findings([finding], why)[0] if why is not None else [finding]

    def _by_content(
        self, text: str, context: list[DataRef]
    ) -> tuple[Part, list[tuple[str, Why | None]], list[str], dict[str, Why]]:
        """Windows commands and documents are found by their own readers anywhere in the
        text (their shapes are distinct), not through the extractor's candidates. Also
        returns the text of documents that are not orders, with why (`doc_scope`), and the
        text read as structured documents (why None: the document reader's reading), and
        the sentences that introduce an access policy shown in full, and the commands of
        documents that are not orders, with why."""
        part = Part(data=list(context))
        regions: list[tuple[str, Why]] = []
        owned: list[tuple[str, None]] = []
        shown: list[str] = []
        windows = self._guard(part, "Windows command", lambda: assess_windows(text, self.domains))
        if windows is not None:
            for finding in windows.findings:
                part.findings += self._scoped_in(text, finding)
        for call in self._guard(part, "tool call", lambda: text_calls(text)) or []:
            # `github.update_repo({"private": false})` printed in the message: read as a call
            part.findings += calls.argument_findings(call)
            for command in calls.shell_arguments(call):  # `BashOperator(bash_command="…")`
                self._shell(command, part)
        part.findings += self._guard(part, "connector", lambda: assess_connectors(text)) or []
        documents = self._guard(part, "document", lambda: assess_documents(text, self.domains))
        if documents is not None:
            part.findings += documents.findings
            regions = documents.scoped
            owned = [(region, None) for region in documents.parsed]
            shown = documents.policy_intros
            for script in documents.scripts:  # container commands, CI steps, RUN lines
                ran = Part()
                self._shell(script, ran)
                why = documents.script_whys.get(script)
                if why is not None:  # the document holding it is not an order
                    ran.findings = lower_findings(ran.findings, why)[0]
                part.findings += ran.findings
                part.data += ran.data
            for statement in documents.statements:  # a migration's calls, as SQL
                ran = Part()
                found = self._guard(ran, "SQL", functools.partial(self.sql.assess, statement))
                if found is not None:
                    found.findings = [f for f in found.findings if f.rule != "sql.unparsed"]
                    self._sql_result(found, ran)
                why = documents.script_whys.get(statement)
                if why is not None:
                    ran.findings = lower_findings(ran.findings, why)[0]
                part.findings += ran.findings
                part.data += ran.data
        not_ordered = documents.script_whys if documents is not None else {}
        return part, [*regions, *owned], shown, not_ordered

    def _shell(self, command: str, part: Part, context: str = "") -> None:
        result = self._guard(part, "shell", lambda: assess_shell(command, self.domains))
        if result is None:
            return
        part.findings += result.findings
        part.data += [self.catalog.resolve(r) for r in result.resources]
        lines = written(command)  # `echo "PermitRootLogin yes" | sudo tee -a …`
        if lines:  # judged together: `network.host` and `xpack…` may come by two echoes
            text = "\n".join(lines)
            doc = self._guard(part, "document", partial(assess_documents, text, self.domains))
            if doc is not None:
                part.findings += doc.findings
        statements = list(dict.fromkeys([*result.sql, *client_sql(command)]))
        for statement in statements:
            found = self._guard(part, "SQL", functools.partial(self.sql.assess, statement))
            if found is not None:
                self._sql_result(found, part)
                part.findings += bulk_change_in_production(found, f"{command}\n{context}")

    def _call(self, cand: Candidate, part: Part) -> None:
        """Mongo shell calls, dataframe writes, and text the extractor could not finish."""
        if cand.kind == "unread":
            part.findings.append(
                Finding(
                    rule="engine.cut_short",
                    category="engine",
                    reason=f"The instruction holds {cand.text}, so a person must look at it.",
                    risk="medium",
                    verdict="require_approval",
                )
            )
            return
        if cand.kind == "mongo":
            mongo = self._guard(
                part,
                "Mongo",
                lambda: assess_mongo(cand.text, self.catalog.pii_fields, cand.context),
            )
            found = None if mongo is None else (mongo.findings, mongo.collections)
        else:
            frame = self._guard(part, "dataframe", lambda: assess_dataframe(cand.text))
            found = None if frame is None else (frame.findings, frame.tables)
        if found is not None:
            findings, names = found
            part.findings += findings
            part.data += [self.catalog.resolve(n, "table") for n in names]

    def _prose(
        self,
        text: str,
        part: Part,
        dumps: tuple[Dump, ...] = (),
        cued: Callable[[], bool] | None = None,
    ) -> None:
        result = self._guard(part, "sharing", lambda: assess_prose(text, self.domains, dumps, cued))
        if result is not None:
            part.findings += result.findings
            part.data += [self.catalog.resolve(r) for r in result.resources]
        part.data += self.catalog.mentions(text)

    def _sql_result(self, result: SqlResult, part: Part) -> None:
        part.findings += result.findings
        for name, use in result.tables.items():
            fields = None if use.whole_rows else use.columns
            part.data.append(self.catalog.resolve(name, "table", pii_fields=fields))
        for schema in result.schemas:
            part.data.append(self.catalog.resolve(schema, "schema"))
        for location in result.locations:
            if location.upper() not in ("STDOUT", "STDIN"):
                part.data.append(self.catalog.resolve(location))

    # -- helpers ------------------------------------------------------------------------------

    def _guard(self, part: Part, detector: str, fn: Callable[[], T]) -> T | None:
        try:
            return fn()
        except Exception as exc:
            log.warning("%s check raised %s; failing closed", detector, type(exc).__name__)
            part.findings.append(_engine_error(detector, exc))
            return None

    def _finish(
        self, findings: list[Finding], *, hidden: bool, known: Sequence[tuple[str, str]] = ()
    ) -> list[Finding]:
        """Worst first (the first reason is the one-line summary people see); drop duplicates;
        mask evidence and reasons when the text held anything secret.

        Evidence is a window cut from the instruction by another detector, so it is
        masked against the values found in the whole text (`known`), which catches
        a value the window cut in half, and then scanned on its own."""
        findings = sorted(
            findings, key=lambda f: (VERDICT_ORDER[f.verdict], RISK_ORDER[f.risk]), reverse=True
        )
        out: list[Finding] = []
        seen: set[tuple[str, str | None]] = set()
        for f in findings:
            key = (f.rule, f.evidence)
            if key in seen:
                continue
            seen.add(key)
            if hidden:
                evidence = self._mask(f.evidence, known) if f.evidence else f.evidence
                reason = self._mask(f.reason, known)
                if evidence != f.evidence or reason != f.reason:
                    f = f.model_copy(update={"evidence": evidence, "reason": reason})
            if f.evidence and len(f.evidence) > _EVIDENCE_LIMIT:
                f = f.model_copy(update={"evidence": f.evidence[:_EVIDENCE_LIMIT] + "…"})
            out.append(f)
        return out

    def _mask_ref(self, ref: DataRef, known: Sequence[tuple[str, str]]) -> DataRef:
        name = self._mask(ref.name, known)
        matched = self._mask(ref.matched, known) if ref.matched else ref.matched
        if name == ref.name and matched == ref.matched:
            return ref
        return ref.model_copy(update={"name": name, "matched": matched})

    def _mask(self, fragment: str, known: Sequence[tuple[str, str]] = ()) -> str:
        try:
            fragment = mask_known(fragment, known)
        except Exception:
            return "[withheld: could not be checked for secrets]"
        cached = self._mask_cache.get(fragment)
        if cached is not None:
            return cached
        try:
            masked = scan_secrets(fragment).masked
        except Exception:
            masked = "[withheld: could not be checked for secrets]"
        if len(self._mask_cache) > _MASK_CACHE_LIMIT:
            self._mask_cache.clear()
        self._mask_cache[fragment] = masked
        return masked

    @staticmethod
    def _safe_mask(text: str) -> str:
        try:
            return scan_secrets(text).masked
        except Exception:
            return "[instruction withheld: it could not be checked for secrets]"


# `use shop_dev` on a line of its own: a database shell's switch of database, read as a
# command with the sentence that introduces the block ("in mongosh on your local dev
# container:"); the statements after it run in that session.
_SWITCHES_DATABASE = re.compile(r"^\s*use\s+[\w.-]+\s*;?\s*$", re.I)


class _Whys:
    """Each command's own scope (`command_scope.judge`), judged once and only when asked."""

    def __init__(
        self, engine: RiskEngine, commands: list[tuple[Candidate, Part]], message: str
    ) -> None:
        self.engine = engine
        self.commands = commands
        self.message = message
        self._whys: dict[int, Why | None] = {}
        self.ran: dict[str, Why] = {}
        """Commands of documents that are not orders (`_scope`'s `ran`)."""
        self._joined: tuple[str | None, list[int]] | None = None
        self._chosen = selections(message)
        self._report_words = has_report_words(message)
        self._shells: list[tuple[int, int]] | None = None
        self._words: tuple[list[str], dict[str, list[int]]] | None = None

    def of(self, i: int) -> Why | None:
        if i not in self._whys:
            cand, part = self.commands[i]
            found = self.engine._guard(
                part, "scope", partial(judge, cand, self.message, self._chosen, self._report_words)
            )
            self._whys[i] = found
        return self._whys[i]

    def session(self, i: int) -> Why | None:
        """Local when statement `i` runs in a session that the command right before it
        opened on this machine: a plan's "1. `psql -h localhost -d scratch` (the Postgres
        on your laptop)" then "2. `DROP TABLE scores;`". The statement's own sentence may
        not name production."""
        cand = self.commands[i][0]
        at = self.message.find(cand.text)
        shells = self._shell_starts()
        k = bisect_left(shells, (at, -1)) - 1  # the last shell command starting before it
        if k < 0 or SAYS_PROD.search(cand.context):
            return None
        j = shells[k][1]
        opener = self.commands[j][0].text
        if not opens_session(opener) and not _SWITCHES_DATABASE.match(opener):
            return None
        return "local" if self.of(j) == "local" else None

    def _shell_starts(self) -> list[tuple[int, int]]:
        """Where each shell command starts in the message, found once: `session` asks per
        statement, and 5,000 statements asking 5,000 commands each took 0.3 s."""
        if self._shells is None:
            found = (
                (self.message.find(other.text), j)
                for j, (other, _) in enumerate(self.commands)
                if other.kind == "shell"
            )
            self._shells = sorted((pos, j) for pos, j in found if pos > -1)
        return self._shells

    def enclosing(self, i: int) -> Why | None:
        """The scope of a longer command that holds command `i` (same context): the first
        such command, in order, whose own scope is known."""
        cand = self.commands[i][0]
        for j in self._holders(cand.text):
            other = self.commands[j][0]
            if (
                j != i
                and len(other.text) > len(cand.text)
                and cand.context in ("", other.context)
                and (w := self.of(j)) is not None
            ):
                return w
        return None

    def _holders(self, text: str) -> Iterator[int]:
        """The commands whose text holds `text`, in order. The few that can (`_few_holders`)
        are checked one by one; else they are found in one text of them all joined (a search
        in C per command asked about, not a loop over every pair: a message of thousands of
        commands would take seconds)."""
        few = self._few_holders(text)
        if few is not None:
            yield from (j for j in few if text in self.commands[j][0].text)
            return
        if self._joined is None:
            texts = [c.text for c, _ in self.commands]
            sep = "\x00" if not any("\x00" in t for t in texts) else None
            starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
            self._joined = (sep.join(texts) if sep else None, starts)
        joined, starts = self._joined
        if joined is None or "\x00" in text:  # no separator to trust: every pair, as it was
            yield from (j for j, (c, _) in enumerate(self.commands) if text in c.text)
            return
        at = joined.find(text)
        while at >= 0:
            j = bisect_right(starts, at) - 1
            yield j
            if j + 1 >= len(starts):
                return
            at = joined.find(text, starts[j + 1])  # the next command that holds it

    def _few_holders(self, text: str) -> list[int] | None:
        """The commands that may hold `text`, in order, when its words single out a few;
        None when they do not (search them all). A command that holds `text` holds each of
        its inner words as a word of its own (whitespace on both sides), and its last word
        as the start of one (whitespace before it): looked up in an index of the commands'
        words, built once. Without it, each of 700 statements searched 64 KB of others."""
        if len(self.commands) <= _FEW_COMMANDS:
            return None  # a search of them all costs no more
        words = text.split()
        if len(words) < 2:
            return None
        if self._words is None:
            by_word: dict[str, list[int]] = {}
            for j, (other, _) in enumerate(self.commands):
                for word in dict.fromkeys(other.text.split()):
                    by_word.setdefault(word, []).append(j)
            self._words = (sorted(by_word), by_word)
        ordered, by_word = self._words
        limit = max(_FEW_COMMANDS, len(self.commands) // 16)
        best: list[int] | None = None
        for word in dict.fromkeys(words[1:-1]):
            found = by_word.get(word, [])
            if best is None or len(found) < len(best):
                best = found
                if len(best) <= 1:
                    break  # no fewer: the command asking holds its own text
        last = words[-1]
        starting: list[int] = []
        k = bisect_left(ordered, last)
        while k < len(ordered) and ordered[k].startswith(last) and len(starting) <= limit:
            starting += by_word[ordered[k]]
            k += 1
        if len(starting) <= limit and (best is None or len(starting) < len(best)):
            best = sorted(set(starting))
        return best if best is not None and len(best) <= limit else None


def _rank(ref: DataRef) -> int:
    return CLASSIFICATION_ORDER[ref.classification]
