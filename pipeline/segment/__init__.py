"""Stage 2: a Document -> project records, section headings and non-record blocks."""
