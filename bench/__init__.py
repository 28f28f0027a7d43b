"""Benchmarks (`make bench`): each figure is measured against its baseline in the same run."""
