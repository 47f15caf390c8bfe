"""Who speaks: a reused sentence rewritten in the user's body's voice, and the voice audit."""
