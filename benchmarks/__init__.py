"""Benchmarks: run on demand (`make bench`), results written to benchmarks/results/."""
