"""Reading the environment (twelve-factor): every settings module reads its values
through these, and finds the project's folder in BASE_DIR."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read one setting from the environment; an empty value counts as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    return str(env(name, default)).lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in str(env(name, default)).split(",") if item.strip()]
