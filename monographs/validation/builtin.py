"""The built-in checks, in the order their problems are reported.

Listed here explicitly rather than registered by importing their modules, so that every
check runs whatever was imported before (a lazy import cannot make one disappear).
"""

from __future__ import annotations

from monographs.validation.checks import (
    aliases,
    boundaries,
    consistency,
    figures,
    files,
    kinds,
    structure,
    text,
)
from monographs.validation.registry import Check

BUILTIN_CHECKS: dict[str, Check] = {
    "territories": structure.check_territories,
    "figures": figures.check_figures,
    "duplicates": figures.check_duplicates,
    "control-characters": structure.check_control_characters,
    "sources": structure.check_sources,
    "catalogue": structure.check_catalogue,
    "programmes": structure.check_programmes,
    "file-names": files.check_file_names,
    "narratives": files.check_narratives,
    "boundaries": boundaries.check_boundaries,
    "approvals": consistency.check_approvals,
    "parts": consistency.check_parts,
    "shares": consistency.check_shares,
    "sub-territories": consistency.check_sub_territories,
    "sub-territory-counts": consistency.check_sub_territory_counts,
    "boundary-names": boundaries.check_boundary_names,
    "text-too-long": text.check_text_length,
    "raw-cells": text.check_raw_cells,
    "aliases": aliases.check_aliases,
    "kind-names": kinds.check_kind_names,
}
