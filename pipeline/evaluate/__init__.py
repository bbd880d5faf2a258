"""Scoring against the answer keys (tests/gold): seen pages and the real-page corpus."""
