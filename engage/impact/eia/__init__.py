"""Equality impact assessment export (owned by I2)."""
