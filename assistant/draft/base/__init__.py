"""Last year's own report as the base of this year's draft."""
