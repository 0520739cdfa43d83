"""Opinion maps (issue #14): statements, agree/disagree/pass votes, Pol.is-compatible
opinion groups, representative statements and group-informed consensus.

A shared app: a map attaches to a scope (`consultation:<id>`, `forum:<id>`) resolved
through `engage.communities.scopes`, or stands alone (`map:<id>`). The maths is in
`maths/` (numpy only), the Pol.is open-data import and export in `polis_import.py` and
`polis_export.py`, and the formulas are documented in docs/opinion-maps.md.
"""
