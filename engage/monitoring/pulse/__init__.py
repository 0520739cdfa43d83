"""Cohesion pulse surveys: waves of standard cohesion indicators, answers once per wave, paper imports, and results with intervals and change tests."""
