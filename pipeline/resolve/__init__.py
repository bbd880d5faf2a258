"""Stage 6: organisation mentions -> bodies: nominative canonical names, acronyms, one id per body."""
