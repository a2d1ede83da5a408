"""Stage 4, DRAW: maps and charts (matplotlib, SVG) from what the content asks for."""
