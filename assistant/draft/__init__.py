"""Stage 4: genres, outlines, the user's metrics, slot filling, composition, the audit, chat and polish."""
