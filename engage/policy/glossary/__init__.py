"""A terminology agreed by partners (key action 8): terms with definitions,
discouraged terms and preferred alternatives, endorsed organisation by organisation,
a public multilingual glossary, and links from content to the agreed definitions."""
