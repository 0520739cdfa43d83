"""The live opinion map: the accessible SVG and table of groups, consensus and
uncertainty, updated after each recomputation."""
