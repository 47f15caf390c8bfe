"""Genre outlines: the official structure, peers' coverage and sections learned from the corpus."""
