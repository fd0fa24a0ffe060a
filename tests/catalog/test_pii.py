from __future__ import annotations

import pytest

from bot.catalog.pii import classification_in, is_pii, stricter


@pytest.mark.parametrize(
    "name",
    [
        "email",
        "customer_email",
        "Email_Address",
        "phone",
        "home_phone",
        "mobile",
        "ssn",
        "date_of_birth",
        "dob",
        "billing_address",
        "address_line1",
        "iban",
        "card_number",
        "card_last4",
        "first_name",
        "full_name",
        "ip_address",
        "passport_number",
        "national_id",
        "tax_id",
    ],
)
def test_personal_columns_by_name(name: str) -> None:
    assert is_pii(name)


@pytest.mark.parametrize(
    "name",
    [
        "emailed_at",
        "email_verified",
        "email_id",
        "phone_type",
        "is_email_opt_in",
        "shipping_method",
        "cardinality",
        "address_count",
        "churn_risk",
        "order_id",
        "created_at",
        "zipper_size",
    ],
)
def test_look_alike_columns_are_not_pii(name: str) -> None:
    assert not is_pii(name)


def test_type_and_comment_labels() -> None:
    assert is_pii("last_seen_from", "inet")
    assert is_pii("notes", "text", "Free text from support calls (PII)")
    assert is_pii("blob", "jsonb", "personal data, GDPR art. 9")
    assert not is_pii("notes", "text", "Internal notes about the shipment")


def test_classification_from_comments_and_tags() -> None:
    assert classification_in(("One row per customer. classification: restricted",)) == "restricted"
    assert classification_in(("Internal notes",)) is None  # a word in passing is not a label
    assert classification_in((), ("pii", "tier:confidential")) == "confidential"
    assert classification_in((), ("Sensitivity.Restricted", "internal")) == "restricted"
    assert stricter("internal", "restricted") == "restricted"
    assert stricter(None, "public") == "public" and stricter("internal", None) == "internal"
