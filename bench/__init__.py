"""Benchmarks at profession scale (`make bench`): figures beside DESIGN.md's targets."""
