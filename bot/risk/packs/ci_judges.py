"""CI workflows that run a stranger's code with the repository's powers.

`pull_request_target` (and `workflow_run`) run in the base repository's context: its
secrets and a token that can write. Checking out the pull request's head in such a
workflow and building it runs a fork's code with those powers. The safe shapes are the
plain `pull_request` trigger, or `pull_request_target` that never checks out the head.
"""

from __future__ import annotations

import re
from typing import Any

from bot.risk.packs.docmodel import Doc, as_list, get_path, text_of

_PRIVILEGED_TRIGGERS = ("pull_request_target", "workflow_run")
_HEAD_REF = re.compile(
    r"github\.event\.pull_request\.head\.|github\.head_ref|refs/pull/|"
    r"github\.event\.workflow_run\.head_"
)


def _triggers(workflow: dict[Any, Any]) -> list[str]:
    """The events of a workflow's `on:` (YAML 1.1 reads a bare `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return [on]
    if isinstance(on, dict):
        return [str(k) for k in on]
    return [text_of(x) for x in as_list(on)]


def _checks_out_head(step: Any) -> bool:
    if not isinstance(step, dict) or "actions/checkout" not in text_of(step.get("uses")):
        return False
    return bool(_HEAD_REF.search(text_of(get_path(step, "with", "ref"))))


def judge_untrusted_checkout(doc: Doc) -> list[str]:
    """A workflow on a privileged trigger that checks out the pull request's head."""
    out = []
    for tree in doc.trees:
        if not isinstance(tree, dict) or not isinstance(tree.get("jobs"), dict):
            continue
        privileged = [t for t in _triggers(tree) if t in _PRIVILEGED_TRIGGERS]
        if not privileged:
            continue
        for name, job in tree["jobs"].items():
            steps = as_list(job.get("steps")) if isinstance(job, dict) else []
            if any(_checks_out_head(s) for s in steps):
                writes = (
                    " with permissions write-all" if tree.get("permissions") == "write-all" else ""
                )
                out.append(f"job {name}: {privileged[0]} checks out the PR head{writes}")
    return out
