"""The registry of a user's own checks, and what a check is.

A check is a function of an :class:`~monographs.atlas.Atlas` yielding
:class:`~monographs.problems.Problem` records. The built-in checks are listed explicitly
in :data:`monographs.validation.builtin.BUILTIN_CHECKS`; a user's checks are added with
the :func:`check` decorator and run after them::

    @check("my-check")
    def my_check(atlas):
        yield Problem(...)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from monographs.problems import Problem

if TYPE_CHECKING:
    from monographs.atlas import Atlas

Check = Callable[["Atlas"], Iterable[Problem]]
#: The checks registered with :func:`check`, by name, in the order registered.
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register a check under a name (decorator); a built-in check of that name is
    replaced."""

    def register(func: Check) -> Check:
        CHECKS[name] = func
        return func

    return register
