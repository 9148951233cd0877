"""Fakes and helpers for the tests, imported as modules."""
