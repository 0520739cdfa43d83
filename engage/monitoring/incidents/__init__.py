"""Third-party hate incident reports: a public form, encrypted free text, staff triage and referral, aggregates, and police-recorded counts beside them."""
