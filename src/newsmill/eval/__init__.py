"""Scorers and readers for the shared benchmark data (used by bench/ and the quality-floor tests)."""
