"""Who may do what with impact assessments (django-rules)."""
