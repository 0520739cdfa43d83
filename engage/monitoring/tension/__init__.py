"""Community tension assessments by partner agencies: a level, trend and indicators per area and period, versioned and audited."""
