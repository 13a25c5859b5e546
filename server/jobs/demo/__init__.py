"""Synthetic (架空) postings for demos, tests and benchmarks: `hellowork demo-data`."""
