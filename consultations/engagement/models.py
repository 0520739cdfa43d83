"""Reactions and surveys."""
