"""The audits that run before any export: every figure and name traced to the user's input."""
