"""The personal data registry: complete, and consistent with the models."""

import pytest

from goodpractice.privacy import registry
from goodpractice.privacy.registry import Erasure, PersonalData


def test_every_field_that_looks_like_personal_data_is_registered():
    assert registry.unregistered_fields() == []


def test_an_unregistered_personal_field_is_caught(monkeypatch):
    # As if a new model's contact e-mail had been added without registering it.
    monkeypatch.setattr(
        registry,
        "_entries",
        {k: v for k, v in registry._entries.items() if k != "practices.PracticePage"},
    )
    assert ("practices.PracticePage", "contact_email") in registry.unregistered_fields()
    assert ("practices.PracticePage", "contact_phone") in registry.unregistered_fields()


def test_the_registry_lists_the_known_personal_data():
    fields = registry.registered_fields()
    for expected in [
        ("awards.Nomination", "nominator_name"),
        ("awards.Nomination", "nominator_email"),
        ("awards.Nomination", "nominator_phone"),
        ("awards.Nomination", "nominator_organisation"),
        ("practices.PracticePage", "contact_name"),
        ("practices.PracticePage", "contact_email"),
        ("practices.PracticePage", "contact_phone"),
        ("organisations.AccountRequest", "email"),
        ("organisations.AccountRequest", "name"),
        ("auth.User", "email"),
        ("auth.User", "first_name"),
        ("awards.Score", "comment"),
    ]:
        assert expected in fields


def test_registered_fields_and_lookups_exist(db):
    for entry in registry.entries():
        model = entry.model
        for name in entry.fields:
            model._meta.get_field(name)  # raises FieldDoesNotExist
        assert entry.purpose and entry.visible_to and entry.retention
        assert entry.email_lookup or entry.user_lookup or entry.name_lookups
        if entry.erasure == Erasure.ANONYMISE:
            assert entry.erase, f"{entry.model_label} needs an erase function to anonymise"
        # The lookups are valid queries.
        entry.get_queryset().filter(
            **({f"{entry.email_lookup}__iexact": "x@example.invalid"} if entry.email_lookup else {})
        ).exists()


def test_a_model_is_registered_once():
    entry = registry.get("awards.Nomination")
    with pytest.raises(ValueError, match="twice"):
        registry.register(PersonalData(**entry.__dict__))
