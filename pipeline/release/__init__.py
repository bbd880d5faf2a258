"""Tables, validation and the atomic, byte-identical release (and what is derived from it)."""
