"""Stage 4: the values of each record (money and its kind, counts, dates, organisation mentions), by rule."""
