"""Benchmarks behind `companion bench ...`: one module each, every one writes JSON."""
