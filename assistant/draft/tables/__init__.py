"""The user's figures: tables and chat messages read into rows, values and year-over-year comparisons."""
