"""Consultation exports."""
