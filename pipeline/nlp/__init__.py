"""Stage 3: spaCy over the records: our Polish NER model and the domain-list SpanRuler."""
