"""Stage 1: read files, clean web chrome, find headings, chunk by section, find metric slots."""
