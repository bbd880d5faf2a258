"""Shared test settings: the ``slow`` marker (the long hypothesis runs, wheel builds, fault injection and
mounts), left out by ``make test-fast`` and run by ``make test`` and CI."""

from __future__ import annotations

SLOW_FILES = ("test_properties.py", "test_install.py", "test_faults.py")


def pytest_collection_modifyitems(config, items):
    import pytest

    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
