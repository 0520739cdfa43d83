"""Following and notifications."""
