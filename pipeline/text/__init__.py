"""Text primitives every stage shares: the canonical view, sentences, morphology."""
