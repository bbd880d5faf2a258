"""Stage 1: raw files -> Documents (discovery, decoding, HTML to text), offsets kept."""
