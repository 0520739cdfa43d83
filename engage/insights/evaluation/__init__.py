"""Evaluation of the text signals against labelled texts (``manage.py evaluate_signals``).

The CSV files beside this module were written for Engage and are licensed with it
(AGPL-3.0-or-later); docs/text-signals.md lists them and the figures they give.
"""
