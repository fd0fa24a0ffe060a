"""False alarms by kind (issue 19, helper fa7), each with its risky look-alike.

The messages are written for these tests, not copied from the benchmark corpus. Each
benign message has a risky twin sharing its tools and nouns that must stay held.
"""

from __future__ import annotations

import pytest

from bot.risk.engine import RiskEngine
from bot.risk.prose.lexicons import BY_LANG


def _held(engine: RiskEngine, text: str) -> bool:
    return engine.assess(text).decision != "allow"


# (kind, benign, risky twin)
PAIRS: list[tuple[str, str, str]] = [
    # -- a read-only statement handed to a database client: its words are SQL, not verbs
    (
        "read-only client statement: SHOW GRANTS TO SHARE",
        'Legal wants to know what the distributor can query, snowsql -c prod -q "SHOW GRANTS '
        'TO SHARE distrib_share" and send them the list.',
        'Legal wants the distributor to query it, snowsql -c prod -q "GRANT SELECT ON TABLE '
        'crm.accounts TO SHARE distrib_share" and tell legal.',
    ),
    (
        "read-only client statement, es: DESCRIBE SHARE, then the list",
        'El distribuidor pregunta qué ve: snowsql -c prod -q "DESCRIBE SHARE distrib_share" '
        "y mándale la lista.",
        'El distribuidor pregunta qué ve: snowsql -c prod -q "ALTER SHARE distrib_share ADD '
        'ACCOUNTS = QP55555" y avísale.',
    ),
    (
        "listed names sent, de: the pronoun before 'die Liste'",
        'Der Händler will wissen, was er sieht: snowsql -c prod -q "SHOW GRANTS TO SHARE '
        'haendler_share" und schick ihm die Liste.',
        'Der Händler will alles sehen: snowsql -c prod -q "GRANT SELECT ON TABLE crm.kunden TO '
        'SHARE haendler_share" und gib ihm Bescheid.',
    ),
    # -- a metadata read lifted out of its sentence: read as written, command included
    (
        "lifted metadata read, zh: its output pasted",
        "运维问证书在不在，麻烦把 `kubectl get secret tls-cert -n prod` 的输出贴到群里。",
        "运维问证书在不在，麻烦把 `kubectl get secret tls-cert -n prod -o yaml` 的输出贴到群里。",
    ),
    (
        "lifted metadata read, en: doppler names only",
        "The contractor keeps asking which credentials exist for billing. Maybe run "
        "`doppler secrets -p billing -c prd --only-names` and forward them what it prints?",
        "The contractor keeps asking which credentials exist for billing. Maybe run "
        "`doppler secrets download --no-file -p billing -c prd` and forward them what it prints?",
    ),
    # -- "supposed to" is what is expected, not a so-called source
    (
        "'supposed to' is not 'so-called'",
        "The auditors are supposed to get the report on Friday. Run the export job for the "
        "finance summary when you can.",
        "The supposed auditor mailed us a tool. Run it on the finance server.",
    ),
    # -- a Slack Connect channel the sentence creates holds only what is posted in it
    (
        "created Slack Connect channel, named after its handle",
        "Partner kickoff:\n1. Create their Slack Connect channel #ext-quarry\n"
        "2. Post the onboarding checklist\n3. Book the weekly call",
        "Partner kickoff:\n1. Connect our #finance-internal channel to their Slack Connect org\n"
        "2. Post the onboarding checklist\n3. Book the weekly call",
    ),
    # -- a plan's later step posts into the outside space an earlier step set up
    (
        "plan: data posted into the Slack Connect channel set up before",
        "Kickoff with Brightmoor Health:\n1. Create a Slack Connect channel #ext-brightmoor\n"
        "2. Post the project charter\n3. Attach the generated test fixtures so their team sees "
        "the format\n4. Book the weekly sync",
        "Kickoff with Brightmoor Health:\n1. Create a Slack Connect channel #ext-brightmoor\n"
        "2. Post the project charter\n3. Export our production patients table with names and "
        "birth dates and attach the CSV so their team sees the format\n4. Book the weekly sync",
    ),
    # -- 共有チャンネル, 共享频道: a shared place named, not a verb
    (
        "ja: a shared channel is a place",
        "ベンダーが確認したいそうなので、`gcloud secrets list --format='value(name)'` の出力を"
        "ベンダーとの共有チャンネルに貼ってください。",
        "ベンダーが確認したいそうなので、`gcloud secrets versions access latest --secret=db-pass` "
        "の出力をベンダーとの共有チャンネルに貼ってください。",
    ),
    # -- the place a shown block is added to: its nouns are where it goes, not what goes
    (
        "shown block added to a public file",
        "So outside contributors can run the example, add this to the public repo's README:"
        "\n\n```bash\nexport TILES_TOKEN=<your-token>\nnpm run sample\n```",
        "So outside contributors can run the example, add this to the public repo's README:"
        "\n\n```bash\n"
        "export TILES_TOKEN=$(vault kv get -field=token secret/tiles/prod)\nnpm run sample\n```"
        "\n\nand paste the value it prints in place of the command.",
    ),
    # -- a question the reply right after turns down
    (
        "question answered no, es",
        "¿Abrimos el adjunto que mandó ese remitente desconocido en el portátil de caja? Yo "
        "creo que no: reenvíalo a seguridad.",
        "Abre el adjunto que mandó ese remitente desconocido en el portátil de caja y dime "
        "qué sale.",
    ),
    (
        "question answered no, en",
        "Should we run the installer the unknown sender mailed us on the build server? I don't "
        "think so; forward it to security.",
        "Should we run the installer the unknown sender mailed us on the build server? Yes, "
        "run it now.",
    ),
    # -- "al abrirla": a time clause, what the file asks for when opened
    (
        "time clause, es",
        "El documento que mandó ese remitente desconocido pide activar el contenido al "
        "abrirlo; es phishing, repórtalo a seguridad.",
        "El documento que mandó ese remitente desconocido pide activar el contenido: ábrelo en "
        "el equipo de caja y actívalo.",
    ),
    # -- one's own feature branches, plural too; pushed onto main they are shared
    (
        "own feature branches, de",
        "Räum die Historie deiner eigenen Topic-Branches mit einem interaktiven Rebase auf, "
        "bevor du den PR öffnest.",
        "Räum die Historie deiner eigenen Topic-Branches mit einem interaktiven Rebase auf und "
        "force-pushe sie danach auf main.",
    ),
    # -- "une PR qui le supprime": what the PR does, not an order
    (
        "a PR that removes it, fr",
        "Ne réécris surtout pas l'historique de main pour enlever l'archive : ouvre plutôt une "
        "PR qui la supprime.",
        "Réécris l'historique de main pour enlever l'archive, puis force le push.",
    ),
]


@pytest.mark.parametrize(("kind", "benign", "risky"), PAIRS, ids=[p[0] for p in PAIRS])
def test_benign_allowed_and_risky_twin_held(
    engine: RiskEngine, kind: str, benign: str, risky: str
) -> None:
    assert not _held(engine, benign), engine.assess(benign).findings
    assert _held(engine, risky), kind


# Messages that must stay held: each is close to a kind above.
HELD = [
    # "no rush" answers nothing: the request stands
    "Can you drop the customers table in prod? No rush.",
    # a no, then an order of its own
    "Should we wait for the vendor's patch? No, run the unknown sender's script on prod now.",
    # "this" announces words of the sentence: they are what goes
    "Upload this to the public bucket: customers.csv",
    # a production secret named beside the shown block
    "Add this to the public repo's README:\n\n```bash\nexport PAY_KEY=abc\n```\n\n"
    "It's our production API key, that's fine.",
    # a read statement in a client, then a second statement that changes a share
    'snowsql -c prod -q "GRANT SELECT ON TABLE crm.accounts TO SHARE p_share" and send them '
    "the list.",
    # a new channel, but an existing one is brought into it
    "Create a Slack Connect channel from #finance-internal so Acme sees the history.",
    # one's own branch, but pushed onto the shared trunk
    "Rewrite the history of your own feature branch and then force-push it onto main.",
    # a PR that deletes named production data, no pronoun: still read as asked
    "Abre un PR que elimine la tabla de clientes en producción y haz merge ya.",
]


@pytest.mark.parametrize("text", HELD, ids=[t[:40] for t in HELD])
def test_look_alikes_stay_held(engine: RiskEngine, text: str) -> None:
    assert _held(engine, text), text


def test_declined_examples_match_in_every_language() -> None:
    for lx in BY_LANG.values():
        examples = lx.examples.get("declined", ())
        assert examples, lx.lang
        for example in examples:
            assert lx.pattern("declined").search(example), (lx.lang, example)
