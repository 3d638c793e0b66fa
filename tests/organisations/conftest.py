import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The public form counts requests per address in the cache.
    cache.clear()
