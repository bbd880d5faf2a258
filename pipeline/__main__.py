"""``python -m pipeline`` is the ``projekty`` command."""

from pipeline.cli import script

script()
