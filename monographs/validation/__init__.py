"""Stage 2, VALIDATE: every problem of an atlas, as records with file, row and column.

:func:`validate` runs the built-in checks (:mod:`monographs.validation.builtin`, one small
module per kind under :mod:`monographs.validation.checks`) and those a user registers with
:func:`check`.
"""

from monographs.validation.builtin import BUILTIN_CHECKS
from monographs.validation.registry import CHECKS, Check, check
from monographs.validation.validate import valid_atlas, validate, validate_atlas

__all__ = [
    "BUILTIN_CHECKS",
    "CHECKS",
    "Check",
    "check",
    "valid_atlas",
    "validate",
    "validate_atlas",
]
