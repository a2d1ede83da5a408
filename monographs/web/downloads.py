"""Files sent to the reader: names that say territory, language and edition, and survive
non-Latin names (RFC 6266 with RFC 5987's ``filename*``)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from starlette.responses import FileResponse, Response

from monographs.text.slugs import slugify

MEDIA = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+|\s+')


def download_names(parts: list[str], ext: str) -> tuple[str, str]:
    """The file's name in ASCII (``06-casablanca-settat-fr-2026.pdf``) and as the reader's
    language writes it (``06-الدار-البيضاء-سطات-ar-2026.pdf``)."""
    ascii_name = "-".join(slugify(p, fallback="") for p in parts if slugify(p, fallback=""))
    native = "-".join(_UNSAFE.sub("-", p).strip("-.") for p in parts if p.strip())
    return f"{ascii_name or 'report'}.{ext}", f"{native or ascii_name or 'report'}.{ext}"


def disposition(ascii_name: str, native: str) -> str:
    """A Content-Disposition header: the ASCII name, and the UTF-8 one (RFC 5987)."""
    header = f'attachment; filename="{ascii_name}"'
    if native != ascii_name:
        header += f"; filename*=UTF-8''{quote(native, safe='')}"
    return header


def send_file(path: Path, ext: str, names: tuple[str, str]) -> Response:
    """A file of the output folder (already resolved through the manifest)."""
    return FileResponse(
        path,
        media_type=MEDIA[ext],
        headers={"Content-Disposition": disposition(*names), "Cache-Control": "no-cache"},
    )


def send_bytes(data: bytes, ext: str, names: tuple[str, str]) -> Response:
    """Bytes made for this request (the figures, the data-collection sheet)."""
    return Response(
        data,
        media_type=MEDIA[ext],
        headers={"Content-Disposition": disposition(*names), "Cache-Control": "no-cache"},
    )
