"""Demo data of this app for seed_demo (to be written by the app's owner)."""


def load_demo(data_dir, context):
    """Create this app's part of the Northbridge demo city (idempotent)."""
