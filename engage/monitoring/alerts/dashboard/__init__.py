"""The community sentiment dashboard (owned by the dashboard's author)."""
