"""Card numbers that payment processors publish for testing, said to be one.

An agent reproducing a payment bug writes "reproduce it with the test card
`4242 4242 4242 4242` in the sandbox": that number charges nobody, and every
processor's documentation prints it. Two things must both hold before a number
passes as such a sample, so a real card is never waved through by a word:

- the sentence calls it a test card, right before the number, in any of the
  lexicon languages ("test card", "carte de test", "tarjeta de prueba",
  "Testkarte", "テストカード", "测试卡");
- the digits are a documented sample: a published number, or the pattern those
  numbers share (one digit run six long or more, or a short group repeated).
  A real card with a "test card" label in front of it is still a card.
"""

from __future__ import annotations

import re

__all__ = ["labelled_sample"]

# Published test numbers without a repeated pattern (Stripe, Braintree, Adyen docs).
_PUBLISHED = frozenset(
    [
        "378282246310005",
        "371449635398431",
        "6011000990139424",
        "3056930009020004",
        "36227206271667",
        "3566002020360505",
        "2223003122003222",
        "4000002500003155",
        "4000056655665556",
        "30569309025904",
        "38520000023237",
        "3530111333300000",
    ]
)
_RUN = re.compile(r"(\d)\1{5}")  # 4111 1111 1111 1111, 4000 0000 0000 0341
_REPEATED = re.compile(r"(\d{2,4})\1{2}")  # 4242 4242 4242, 5105 1051 0510 5100

# The label right before the number: up to 25 characters between them ("test card
# number: ", "tarjeta de prueba `").
_LABEL = re.compile(
    r"(?:\btest(?:ing)?[\s-]+(?:credit[\s-]+)?card|\bsandbox[\s-]+card|\bcarte\s+de\s+test"
    r"|\bcarte\s+test|\btarjeta\s+de\s+prueba|\btarjeta\s+de\s+test|\bcart[aã]o\s+de\s+teste"
    r"|\btestkarte|\btest-?kreditkarte|テストカード|テスト用(?:の)?カード|测试卡|测试银行卡|测试信用卡)"
    r"[^\n\d]{0,25}$",
    re.IGNORECASE,
)


def _documented(digits: str) -> bool:
    return digits in _PUBLISHED or bool(_RUN.search(digits) or _REPEATED.search(digits))


def labelled_sample(text: str, start: int, digits: str) -> bool:
    """The card number at `start` is a processor's published test number that the text
    calls a test card right before it."""
    return _documented(digits) and bool(_LABEL.search(text[max(0, start - 60) : start]))
