"""Leaf helpers that know nothing of atlases or reports: reading numbers, folding names,
file-name slugs, writing direction, atomic writes and spreadsheet files."""
