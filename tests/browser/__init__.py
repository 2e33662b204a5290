"""A package, so that tests/browser/conftest.py does not shadow tests/conftest.py (`from conftest import ...`)."""
