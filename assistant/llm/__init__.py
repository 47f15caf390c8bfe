"""Optional LLM backends (OpenAI-compatible server, local transformers folder) and prompt templates."""
