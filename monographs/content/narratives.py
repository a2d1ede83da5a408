"""Planners' narratives: optional Markdown per territory, rendered as inert HTML.

An atlas may hold ``narratives/<code>.<lang>.md`` (or ``narratives/<code>.md``; the folder
is ``tables.narratives`` in ``atlas.toml``). The text is rendered with markdown-it-py with
raw HTML disabled, so that ``<script>`` or ``<img src=…>`` typed in it show as text.
Links are never followed: an ``http``, ``https`` or ``mailto`` link shows as its text
followed by the address, any other link as its text only. Images are kept only when their
path is relative and resolves to a PNG, JPEG or GIF file inside the atlas folder; any
other image (a web address, an absolute path, ``../`` out of the atlas) is dropped.
Headings are shifted down three levels so that they sit under the report's own.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from monographs.atlas.config import Limits
from monographs.atlas.paths import regular, resolve_inside
from monographs.text.markup import over_limits

log = logging.getLogger(__name__)

LINK_SCHEMES = {"http", "https", "mailto"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif"}
HEADING_SHIFT = 3


def narrative_file(folder: Path | None, atlas_root: Path, code: str, lang: str) -> Path | None:
    """The narrative of a territory in a language (else the language-neutral one), or
    None. A folder outside the atlas is not read."""
    if folder is None:
        return None
    inside = resolve_inside(atlas_root, folder)  # the atlas's one containment rule
    if inside is None or not inside.is_dir():
        return None
    for name in (f"{code}.{lang}.md", f"{code}.md"):
        path = resolve_inside(inside, name)
        if path is not None and resolve_inside(atlas_root, path) and regular(path):
            return path
    return None


def _image_path(src: str, base: Path, root: Path) -> Path | None:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    inside = resolve_inside(base, unquote(parts.path))
    path = resolve_inside(root, inside) if inside is not None else None
    if path is None or not regular(path):
        return None
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return None
    return path


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _clean_inline(children: list[Token], base: Path, root: Path) -> list[Token]:
    out: list[Token] = []
    hrefs: list[str] = []
    for tok in children:
        if tok.type == "link_open":
            hrefs.append(str(tok.attrs.get("href", "")))
            continue
        if tok.type == "link_close":
            href = hrefs.pop() if hrefs else ""
            scheme = urlsplit(href).scheme.lower()
            shown = href.removeprefix("mailto:") if scheme == "mailto" else href
            text = "".join(t.content for t in out[-1:] if t.type == "text")
            if scheme in LINK_SCHEMES and text != shown:
                out.append(_text(f" ({href})"))
            continue
        if tok.type == "image":
            path = _image_path(str(tok.attrs.get("src", "")), base, root)
            if path is None:
                log.info("narrative image dropped: %s", str(tok.attrs.get("src", ""))[:200])
                continue
            tok.attrs = {"src": path.as_uri(), "alt": ""}  # the alt text comes from children
        out.append(tok)
    return out


def render_markdown(text: str, base: Path, atlas_root: Path) -> Markup:
    """Render narrative Markdown as safe HTML (see the module's rules).

    ``base`` is the folder relative image paths start from; images must resolve inside
    ``atlas_root``.

    >>> str(render_markdown("<b>x</b> [site](https://a.org)", Path("."), Path(".")))
    '<p>&lt;b&gt;x&lt;/b&gt; site (https://a.org)</p>\\n'
    """
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
        ["table", "strikethrough"]
    )
    root = atlas_root.resolve()
    tokens = md.parse(text)
    for tok in tokens:
        if tok.type in ("heading_open", "heading_close"):
            level = min(6, int(tok.tag[1]) + HEADING_SHIFT)
            tok.tag = f"h{level}"
        if tok.type == "inline" and tok.children:
            tok.children = _clean_inline(tok.children, base.resolve(), root)
    html = md.renderer.render(tokens, md.options, {})
    return Markup(html)  # noqa: S704 - raw HTML is disabled and every URL checked above


def load_narrative(
    folder: Path | None, atlas_root: Path, code: str, lang: str, limits: Limits | None = None
) -> Markup:
    """The rendered narrative of a territory, or an empty Markup when there is none or it
    is over ``limits`` (validation names it: ``narrative-over-limit``)."""
    path = narrative_file(folder, atlas_root, code, lang)
    if path is None:
        return Markup("")
    limits = limits or Limits()
    with open(path, "rb") as fh:
        data = fh.read(limits.max_narrative_bytes + 1)
    text = data.decode("utf-8", errors="replace")
    why = over_limits(text, len(data), limits.max_narrative_bytes, limits.max_narrative_nesting)
    if why:
        log.warning("narrative %s not shown: %s", path.name, why)
        return Markup("")
    return render_markdown(text, path.parent, atlas_root)
