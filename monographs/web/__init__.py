"""The web page: ``monographs serve`` (an optional extra, ``pip install 'monographs[web]'``).

A planner types a place's name, lands on its page, and gets its report (PDF, figures,
data-collection sheet) in French, Arabic or English; partners compare 2–12 territories
of a level. Every page works without JavaScript. Reports are built by worker processes
(:mod:`.jobs`) into the same output folder as ``monographs build``, whose files are
reused when up to date (:mod:`.reports`).

    from monographs.web import create_app
    app = create_app(output="output")   # an ASGI app, for uvicorn
"""

from __future__ import annotations

from pathlib import Path

from monographs.web.app import create_app

__all__ = ["create_app", "serve"]


def serve(
    atlas_path: Path | None = None,
    output: Path = Path("output"),
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
) -> None:
    """Serve the page with uvicorn until interrupted (127.0.0.1 unless told otherwise)."""
    import logging

    import uvicorn

    logging.getLogger("monographs.web").setLevel(logging.INFO)
    logging.getLogger("monographs.web").addHandler(logging.StreamHandler())
    app = create_app(atlas_path, output, workers)
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
