"""The staff pages of policy areas (/<lang>/impact/policy-areas/): each area's weight,
rationale, evidence, lead officer and partners, its related items (`engage.impact.related`),
its row of the city matrix and its assessments."""
