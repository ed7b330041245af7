"""Benchmarks on synthetic projects; run them as modules, e.g. ``python -m bench.tally``."""
