"""Rule data (pipeline/data/*.yaml): loading and the schemas each file is checked against."""
