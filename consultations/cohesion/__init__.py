"""The standing "cohesion and polarisation" section of every consultation and policy
decision record (key action 7): what was considered, which groups, the impact
assessment's conclusions and the alerts considered, required before publication
(configurable), shown to residents in plain words and reportable across the city."""
