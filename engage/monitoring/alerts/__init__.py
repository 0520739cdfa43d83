"""Early warning: the community sentiment dashboard, rules over weekly series per area, and alerts that staff acknowledge, assign and close with what was done."""
