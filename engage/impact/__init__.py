"""360° impact assessments, the unintended-consequences register, equality impact assessment exports and the city's policy × community matrix."""
