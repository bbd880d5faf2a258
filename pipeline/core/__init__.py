"""What every stage shares: the frozen, typed values at the seams (with their evidence offsets), and paths."""
