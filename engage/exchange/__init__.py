"""Exchange with other cities (key action 8, across borders): signed, versioned
packages of what cities share (the glossary, anonymised aggregates, impact-assessment
templates, discussion guides), exported and imported by command and in the admin, and
published as a feed that other Engage instances subscribe to. What a package may hold
comes from the kind registry (`registry.py`), filled by the apps that own the items."""
