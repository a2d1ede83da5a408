"""The web page's figures (``python bench/run.py --web``): `monographs serve` started in
its own process over the default atlas, asked by plain HTTP clients (standard library
only), as a browser without JavaScript would.

- search: ``/fr/search?q=tanger`` answered (the whole page), median of many;
- up-to-date PDF: a commune's PDF already built, downloaded again;
- one unbuilt commune: from the POST of its form to its PDF downloaded;
- 20 communes at once: 20 clients each ask for a different commune at the same moment and
  wait for their PDF; meanwhile another client searches every 0.1 s. All must complete;
  the searches' slowest answer is reported.
"""

from __future__ import annotations

import json
import re
import socket
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

TARGET_SEARCH_S = 0.05
TARGET_PDF_S = 0.2
TARGET_UNBUILT_S = 3.0
SIMULTANEOUS = 20

SERVE = """
import sys
from pathlib import Path
from monographs.web import serve
serve(output=Path(sys.argv[1]), port=int(sys.argv[2]))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """An HTTP client of the page (no cookies, no JavaScript)."""

    def __init__(self, base: str) -> None:
        self.base = base

    def get(self, path: str, timeout: float = 120) -> tuple[int, bytes, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as r:
                return r.status, r.read(), r.geturl()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read(), path

    def post(self, path: str, token: str) -> str:
        """POST a form; the address it redirects to."""
        data = urllib.parse.urlencode({"token": token}).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.geturl()

    def get_report(self, territory: str) -> tuple[float, bytes]:
        """Ask for a territory's PDF as a reader does: its page, the form, the waiting
        page's status until done, the PDF. Returns the seconds from the POST and the PDF."""
        _status, html, _url = self.get(territory)
        match = re.search(
            rb'action="([^"]+/report)">\s*<input type="hidden" name="token" '
            rb'value="([^"]+)"',
            html,
        )
        start = time.perf_counter()
        if match is None:  # already up to date: the page links the PDF
            _s, pdf, _u = self.get(territory + "/report.pdf")
            return time.perf_counter() - start, pdf
        landed = self.post(match.group(1).decode(), match.group(2).decode())
        path = urllib.parse.urlsplit(landed).path
        if "/jobs/" in path:
            job = path.rsplit("/", 1)[1]
            while True:
                _s, body, _u = self.get(f"/jobs/{job}.json?lang=fr")
                status = json.loads(body)
                if status["state"] in {"done", "failed"}:
                    break
                time.sleep(0.1)
            if status["state"] == "failed":
                raise RuntimeError(f"{territory}: {status['text']}")
            _s, pdf, _u = self.get(status["download"])
        else:
            _s, pdf, _u = self.get(path)
        return time.perf_counter() - start, pdf


def communes(python: str, n: int) -> list[str]:
    """The addresses of the first n communes of the default atlas (French)."""
    script = (
        "import json; from monographs import load_atlas; from monographs.web.directory "
        "import Directory; a = load_atlas(); d = Directory(a); print(json.dumps("
        f"[f'/fr/t/{{c}}-{{d.slug(c)}}' for c in a.at_level('commune')[:{n}]]))"
    )
    return json.loads(subprocess.check_output([python, "-c", script], text=True))


def measure(python: str, root: Path, repeat: int) -> list[tuple]:
    """The web figures as ``(figure, samples, unit, target, at_least, note)``."""
    out = root / "web-output"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    codes = communes(python, SIMULTANEOUS + repeat + 1)
    server = subprocess.Popen(
        [python, "-c", SERVE, str(out), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = Client(base)
    try:
        end = time.monotonic() + 180
        while time.monotonic() < end:  # the server up and its worker ready
            try:
                if client.get("/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.25)
        else:
            raise RuntimeError("the server did not start")
        client.get("/fr/search?q=tanger")  # warm-up, untimed
        searches = []
        for _ in range(max(20, 10 * repeat)):
            t = time.perf_counter()
            client.get("/fr/search?q=tanger")
            searches.append(time.perf_counter() - t)
        unbuilt = []
        for path in codes[:repeat]:
            seconds, pdf = client.get_report(path)
            assert pdf.startswith(b"%PDF"), path
            unbuilt.append(seconds)
        served = []
        for _ in range(max(10, 5 * repeat)):
            t = time.perf_counter()
            _s, pdf, _u = client.get(codes[0] + "/report.pdf")
            served.append(time.perf_counter() - t)
            assert pdf.startswith(b"%PDF")
        burst = codes[repeat + 1 : repeat + 1 + SIMULTANEOUS]
        done: list[float] = []
        errors: list[str] = []
        during: list[float] = []
        stop = threading.Event()

        def one(path: str) -> None:
            try:
                seconds, pdf = Client(base).get_report(path)
                if pdf.startswith(b"%PDF"):
                    done.append(seconds)
                else:
                    errors.append(path)
            except Exception as exc:
                errors.append(f"{path}: {exc}")

        def searching() -> None:
            c = Client(base)
            while not stop.is_set():
                t = time.perf_counter()
                c.get("/fr/search?q=casa")
                during.append(time.perf_counter() - t)
                time.sleep(0.1)

        start = time.perf_counter()
        threads = [threading.Thread(target=one, args=(p,)) for p in burst]
        searcher = threading.Thread(target=searching)
        searcher.start()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        burst_seconds = time.perf_counter() - start
        stop.set()
        searcher.join()
    finally:
        server.terminate()
        server.wait(30)
    note = f"{len(errors)} lost" + (f": {errors[0]}" if errors else "")
    return [
        ("web: search answered", searches, "s", TARGET_SEARCH_S, False, "/fr/search?q=tanger"),
        ("web: up-to-date PDF served", served, "s", TARGET_PDF_S, False, "a commune's PDF"),
        ("web: one unbuilt commune ready", unbuilt, "s", TARGET_UNBUILT_S, False, "POST to PDF"),
        (
            f"web: {SIMULTANEOUS} communes at once, completed",
            [float(len(done))],
            "",
            float(SIMULTANEOUS),
            True,
            f"{note}; all in {burst_seconds:.1f} s",
        ),
        (
            "web: searches during them (slowest)",
            [max(during)] if during else [],
            "s",
            None,
            False,
            f"{len(during)} searches, median {statistics.median(during) * 1000:.0f} ms"
            if during
            else "",
        ),
    ]
