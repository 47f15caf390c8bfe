"""Sentence choice and filling: exemplar sentences re-filled with the user's figures, placed by section."""
