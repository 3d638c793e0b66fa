"""Hostile input: shared strategies and Hypothesis profiles.

The default profile keeps the suite fast (a few dozen examples per test, no example
database written to disk); HYPOTHESIS_PROFILE=thorough tries many more.
"""

import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "default",
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# A checksum-valid Finnish personal identity code (henkilötunnus) of the kind used in
# examples; the site must refuse it everywhere.
HETU = "131052-308T"
SCRIPT = "<script>alert('x')</script>"
ESCAPED_SCRIPT = "&lt;script&gt;"
SQL = "'; DROP TABLE awards_nomination; -- \" OR 1=1 /*"

NASTY_STRINGS = [
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    SQL,
    "%' OR '1'='1",
    "\x00",
    "abc\x00def",
    "\r\nBcc: victim@example.invalid",
    "line\nbreak",
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://127.0.0.1/x}",
    "../../etc/passwd",
    "\u202eevil\u202c",
    "\ufeff\u200b",
    "😀" * 50,
    "x" * 10_000,
    f"Asiakas {HETU} tarvitsee apua",
    "   ",
    "-1",
    "9" * 40,
    "1e308",
    "NaN",
    "[]",
    '{"$gt": ""}',
]

# Text a browser (or a bot) could send: anything but lone surrogates, which have no
# UTF-8 form at all.
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
hostile_text = st.one_of(
    st.sampled_from(NASTY_STRINGS),
    any_text,
    st.tuples(st.sampled_from(NASTY_STRINGS), any_text).map("".join),
)
# Raw bytes for bodies and query strings, percent-encoded: invalid UTF-8 included.
raw_bytes = st.binary(max_size=200)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
