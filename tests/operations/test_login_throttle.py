"""Repeated wrong passwords on the admin sign-in form are slowed down."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

THROTTLED_FI = "Liian monta epäonnistunutta kirjautumisyritystä. Odota 15 minuuttia"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("toimittaja", "t@example.fi", "oikea-salasana")


def _sign_in(client, password, address="192.0.2.1", username="toimittaja"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def _signed_in(response):
    return response.status_code == 302


def test_five_wrong_passwords_block_even_the_right_one_for_a_while(client, editor):
    for _ in range(5):
        response = _sign_in(client, "väärä")
        assert response.status_code == 200
        assert THROTTLED_FI not in response.content.decode()

    response = _sign_in(client, "oikea-salasana")
    assert not _signed_in(response)
    assert THROTTLED_FI in response.content.decode()

    # The same person from another address is not locked out by the guesses above.
    assert _signed_in(_sign_in(client, "oikea-salasana", address="198.51.100.7"))


def test_a_successful_sign_in_forgets_earlier_failures(client, editor):
    for _ in range(4):
        _sign_in(client, "väärä")
    assert _signed_in(_sign_in(client, "oikea-salasana"))
    client.logout()
    for _ in range(4):
        _sign_in(client, "väärä")
    assert _signed_in(_sign_in(client, "oikea-salasana"))


def test_unknown_and_known_user_names_get_the_same_answer(client, editor):
    unknown = _sign_in(client, "väärä", username="ei-ketaan", address="203.0.113.5")
    known = _sign_in(client, "väärä", address="203.0.113.6")
    assert unknown.status_code == known.status_code == 200
    message = "ja salasana eivät täsmänneet"
    assert message in unknown.content.decode() and message in known.content.decode()


def test_behind_a_proxy_the_forwarded_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": "toimittaja", "password": "väärä"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.44",
        )
    # Another client through the same proxy is not affected...
    assert _signed_in(
        client.post(
            "/admin/login/",
            {"username": "toimittaja", "password": "oikea-salasana"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="192.0.2.99",
        )
    )
    client.logout()
    # ...and the guesser can't escape by writing another address of their own.
    response = client.post(
        "/admin/login/",
        {"username": "toimittaja", "password": "oikea-salasana"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.1, 192.0.2.44",
    )
    assert THROTTLED_FI in response.content.decode()
