"""The values that flow between the stages: frozen, typed, with their evidence offsets."""
