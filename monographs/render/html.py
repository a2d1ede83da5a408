"""Filling the report templates: the Jinja2 environment (autoescape on, undefined names
fail) over the templates inside the package."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from monographs.resources import TEMPLATES_DIR


@lru_cache(maxsize=4)
def environment(templates_dir: Path = TEMPLATES_DIR) -> jinja2.Environment:
    """The Jinja2 environment: autoescape on for every template, undefined names fail."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(
    template: str, context: Mapping[str, Any], templates_dir: Path = TEMPLATES_DIR
) -> str:
    """Fill a template with a context (a mapping or a dataclass's ``asdict``)."""
    return environment(templates_dir).get_template(template).render(**context)
