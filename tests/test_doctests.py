"""The examples in docstrings are tests too: every module's doctests pass."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("ontology", "ingest", "kg", "api")


def _modules() -> list[str]:
    names = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        names.append(package)
        names.extend(info.name for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."))
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_examples_are_found():
    # a finder that silently found nothing would make every test above pass
    attempted = sum(doctest.testmod(importlib.import_module(name)).attempted for name in _modules())
    assert attempted >= 20
