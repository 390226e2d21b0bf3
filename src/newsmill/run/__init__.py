"""Batch engine: many pages through every core (local processes) or a Ray cluster."""
