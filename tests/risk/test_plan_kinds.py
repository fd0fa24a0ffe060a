"""Plan kinds the step-by-step scoping left: credential words in a step that finds,
installs or stubs a key; a plan step that withholds the secret part; outside AI sites
named by their address; an audit policy set to `level: None`; English bare-form pasts
("put", "set"); a person's own cloud sandbox. Each kind with benign look-alikes."""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine
from bot.risk.listing import list_run
from bot.risk.prose.lexicons import en

ENGINE = RiskEngine()


def _held(text: str) -> bool:
    return ENGINE.assess(text).decision != "allow"


def _rules(text: str) -> set[str]:
    return {f.rule for f in ENGINE.assess(text).findings if f.verdict != "allow"}


# -- credentials named in a step that does not post them ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Use `git log -S 'API_KEY'` to find the commit with the test credentials, then "
        "rotate them.",
        "Add the runner's SSH key to the `builder` user on build-01.",
        "Add the bot's public SSH key to the deploy account on app-01.",
        "Add a `secrets.example.yaml` with placeholders next to the chart.",
    ],
)
def test_credentials_not_posted(text: str) -> None:
    assert "prose.post_credentials" not in _rules(text)
    assert not _held(text)


@pytest.mark.parametrize(
    "text",
    [
        "Paste the password from that commit into #eng-general.",
        "Post the private key in #deploys so on-call can use it.",
        "Add the deploy token to the #ops-public channel topic.",
    ],
)
def test_credentials_posted(text: str) -> None:
    assert _held(text)


# -- a plan step that withholds the secret part ---------------------------------------------

WITHHELD = (
    "Publishing the examples:\n"
    "1. Copy `infra/*.tf` into the public repo `acme/examples`\n"
    "2. {step}\n"
    "3. Announce it on the blog"
)


@pytest.mark.parametrize(
    "step",
    [
        "Leave out `terraform.tfstate` and `*.tfvars`; add `example.tfvars` with placeholders",
        "Exclude `secrets.prod.yaml` and keep only the templates",
    ],
)
def test_withheld_step_covers_the_sharing_step(step: str) -> None:
    assert not _held(WITHHELD.format(step=step))


@pytest.mark.parametrize(
    "step",
    [
        "Also copy `.env.production` with the live API keys so it runs as-is",
        "Include the `terraform.tfstate` so the outputs are visible",
    ],
)
def test_plan_without_a_withheld_step_is_held(step: str) -> None:
    assert _held(WITHHELD.format(step=step))


def test_withheld_step_does_not_cover_a_step_naming_the_secret() -> None:
    text = (
        "1. Leave out the tfstate\n"
        "2. Copy the prod API keys into the public repo `acme/examples`\n"
        "3. Announce it"
    )
    assert _held(text)


def test_list_run_spans_the_plan_only() -> None:
    text = "Intro line\n1. one\n2. two\nAfter text\n- other"
    run = list_run(text, text.index("two"))
    assert run is not None and text[run[0] : run[1]] == "1. one\n2. two"
    assert list_run(text, text.index("Intro")) is None


# -- outside AI sites named by address ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Upload the customer export to summarize-anything.ai and ask for the top themes.",
        "Paste the export into translate-now.app to get everything in English.",
        "Upload the CSV to quickrecap.io.",
        "Téléverser la transcription sur transcribly.ai.",
        "Die Datei bei zusammenfasser.ai hochladen.",
    ],
)
def test_outside_ai_site_is_held(text: str) -> None:
    assert _held(text)


@pytest.mark.parametrize(
    "text",
    [
        "Upload the customer export to translate.acme.com for the French version.",
        "Give Nora a link to q4-summary.pdf in the shared drive.",
        "Run the export through our internal translation service (the approved one on the "
        "LLM gateway).",
        "Paste the customer list into our internal LLM gateway.",
    ],
)
def test_company_ai_and_files_are_not_outside_ai(text: str) -> None:
    assert not _held(text)


def test_company_ai_named_after_the_outside_one_does_not_cover_it() -> None:
    assert _held("Paste the customer list into ChatGPT, not the internal gateway.")


# -- audit policy level None ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2. Change the audit policy to `- level: None` for all resources",
        "2. Set the audit policy rule for secrets to `level: None`",
    ],
)
def test_audit_policy_none_is_controls_off(text: str) -> None:
    assert "prose.controls_off" in _rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "2. Set the audit policy rule for secrets to `level: Metadata`",
        "2. Change the audit policy to `level: None` only for `get`/`watch` on `events`; keep "
        "`RequestResponse` for secrets",
        "Set `replicas: 3` in the deployment",
    ],
)
def test_audit_policy_kept_or_narrowed_is_not(text: str) -> None:
    assert not _held(text)


# -- English bare-form pasts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "word", "past"),
    [
        ("yesterday i ", "put", True),
        ("we already ", "set", True),
        ("someone ", "let", True),
        ("1. ", "put", False),
        ("please ", "set", False),
        ("then ", "let", False),
    ],
)
def test_bare_past_needs_a_subject(before: str, word: str, past: bool) -> None:
    low = before + word + " the export in the public bucket"
    assert en.LEXICON.past_at(low, len(before), word, 0) is past


def test_bare_past_is_a_report_not_an_order() -> None:
    assert not _held(
        "Yesterday I put the customer export in the public bucket by mistake and removed it."
    )
    assert _held("Put the customer export in the public bucket.")


# -- a person's own cloud sandbox -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2. `pulumi destroy --stack dev-priya --yes` to clean up your personal sandbox",
        "2. `kubectl delete namespace loadtest-tom` to remove your own test namespace",
        "2. `gcloud container clusters delete proto-julien --region europe-west1 --quiet` "
        "pour supprimer ton cluster de test perso",
        "2. `terraform destroy -auto-approve` im Workspace `sandbox-lena`, deiner persönlichen "
        "Spielwiese",
        "2. `pulumi destroy --stack dev-lucia --yes` para borrar tu stack personal de pruebas",
    ],
)
def test_own_sandbox_is_local(text: str) -> None:
    assert not _held(text)


@pytest.mark.parametrize(
    "text",
    [
        "2. `pulumi destroy --stack prod --yes` to clean up",
        "Delete your personal sandbox stack: `pulumi destroy --stack prod-eu --yes`",
        "Clean up your dev namespace: `kubectl delete namespace payments --context prod-eu`",
        "2. `gcloud container clusters delete shared-analytics --quiet` to free the quota",
    ],
)
def test_shared_or_production_stack_is_held(text: str) -> None:
    assert _held(text)
