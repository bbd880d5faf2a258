"""Stage 5: the role of each organisation in its record (lead, partner, funder, participant, other)."""
