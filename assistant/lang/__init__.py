"""Chinese-language rules shared by every stage: numerals and units, vocabulary."""
