"""The built-in checks, one module per kind of problem (see
:data:`monographs.validation.builtin.BUILTIN_CHECKS` for their order)."""
