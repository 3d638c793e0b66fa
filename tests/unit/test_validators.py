import pytest
from django.core.exceptions import ValidationError

from goodpractice.validators import (
    contains_personal_identity_code,
    validate_no_personal_identity_code,
)


@pytest.mark.parametrize(
    "text",
    [
        "131052-308T",  # the Population Register Centre's example code
        "Asiakas 131052-308T kävi",
        "<p>010101A123N</p>",
        "010594Y9032",  # new century sign (2023 reform)
        "010594y9032",
    ],
)
def test_valid_identity_codes_are_found(text):
    assert contains_personal_identity_code(text)


@pytest.mark.parametrize(
    "text",
    [
        "131052-308U",  # wrong check character
        "311352-308T",  # no 13th month... and no 31st of it
        "Vuosina 2013-2014 kokeiltiin",
        "puhelin 040-1234567",
        "1131052-308T",  # part of a longer number
        "",
    ],
)
def test_other_text_is_accepted(text):
    assert not contains_personal_identity_code(text)


def test_validator_raises_a_translated_message():
    with pytest.raises(ValidationError) as error:
        validate_no_personal_identity_code("131052-308T")
    assert error.value.code == "personal_identity_code"
