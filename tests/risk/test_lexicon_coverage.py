"""The coverage audit of the prose lexicons (issue 19): the common words for each action,
object and destination, in the forms instructions take, are read in all seven languages;
look-alikes beside risky nouns are not."""

from __future__ import annotations

import pytest

from bot.risk.prose.intent import assess_intent
from bot.risk.prose.lexicon import ACCENTS, ACTIONS
from bot.risk.prose.lexicons import BY_LANG
from bot.risk.prose.text import lower
from tests.risk.lexicon_forms import (
    FORMS,
    FRAME_EXCEPTIONS,
    FRAMES,
    LOOK_ALIKES,
    NOUN_FORMS,
    RISKY,
)

_CASES = [
    (lang, slot, form)
    for table in (FORMS, NOUN_FORMS)
    for lang, slots in table.items()
    for slot, forms in slots.items()
    for form in forms
]


@pytest.mark.parametrize(("lang", "slot", "form"), _CASES)
def test_each_audited_form_is_in_its_slot(lang: str, slot: str, form: str) -> None:
    lx = BY_LANG[lang]
    low = lower(form)
    if lx.fold_accents and slot in ACTIONS:
        low = low.translate(ACCENTS)
    assert lx.pattern(slot).search(low), f"{lang} {slot}: {form!r}"


_FRAMED = [
    frame.format(form[:1].upper() + form[1:] if lang not in ("ja", "zh") else form)
    for lang, slots in FORMS.items()
    for slot, forms in slots.items()
    if slot in FRAMES[lang]
    for form in forms
    if (lang, form) not in FRAME_EXCEPTIONS
    and (lang in ("ja", "zh") or " " not in form)  # a phrase may hold its own object
    for frame in (FRAMES[lang][slot],)
]


@pytest.mark.parametrize("text", _FRAMED)
def test_each_single_word_form_reads_as_an_instruction(text: str) -> None:
    assert assess_intent(text), text


@pytest.mark.parametrize(("text", "rule"), RISKY)
def test_instructions_with_the_added_words_are_read(text: str, rule: str) -> None:
    assert rule in {f.rule for f in assess_intent(text)}


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_beside_risky_nouns_raise_nothing(text: str) -> None:
    assert assess_intent(text) == []
