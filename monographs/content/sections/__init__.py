"""A monograph's sections, one module each in the order of the pages: :mod:`.cover`,
:mod:`.key_figures`, :mod:`.territory`, :mod:`.population`, :mod:`.protection`,
:mod:`.services`, :mod:`.governance`, :mod:`.benchmarks`, :mod:`.priorities` and
:mod:`.annex`. Each computes its part from a :class:`~monographs.content.rows.Scope`
(citing every figure it states, recording what the territory lacks, asking for the
figures to draw) and returns the dataclasses its part of the template shows."""
