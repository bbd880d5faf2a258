"""``python -m pipeline`` is the ``projekty`` command."""

from pipeline.cli import app

app(prog_name="projekty")
