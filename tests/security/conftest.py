import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Public forms count requests per address in the cache.
    cache.clear()
