"""The web page in a real browser: Debian's Chromium driven by Playwright (never
``playwright install``; ``scripts/ensure_system_deps.sh`` installs ``chromium``), axe-core
from axe-playwright-python (offline). The server is uvicorn on a free port, over the
synthetic atlas, with one worker process."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("MONOGRAPHS_CHROMIUM") or shutil.which("chromium") or ""
if not CHROMIUM and os.environ.get("CI"):  # on CI the set-up installs it: never hide a miss
    pytest.fail(
        "no system Chromium on CI: scripts/ensure_system_deps.sh (make install) should have "
        "installed it with apt-get",
        pytrace=False,
    )
if not CHROMIUM:
    pytest.skip(
        "no system Chromium (apt-get install chromium, or run scripts/ensure_system_deps.sh "
        "as root; MONOGRAPHS_CHROMIUM names another binary)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
uvicorn = pytest.importorskip("uvicorn")

from monographs.web import create_app  # noqa: E402

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
SHOTS = (
    Path(os.environ.get("MONOGRAPHS_WEB_SHOTS", ""))
    if os.environ.get("MONOGRAPHS_WEB_SHOTS")
    else None
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(synthetic_master: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("browser-out")
    app = create_app(synthetic_master, out, workers=1)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    end = time.monotonic() + 60
    while not srv.started and time.monotonic() < end:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    assert app.state.site.pool.wait_ready()
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(20)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Outside:
    """Counts (and blocks) every request that leaves the server's origin."""

    def __init__(self, base: str) -> None:
        self.origin = urlsplit(base).netloc
        self.requests: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        if urlsplit(url).netloc != self.origin and not url.startswith(("data:", "blob:")):
            self.requests.append(url)
            route.abort()
        else:
            route.continue_()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(accept_downloads=True, base_url=server, bypass_csp=True)
    outside = Outside(server)
    context.route("**/*", outside)
    pg = context.new_page()
    pg.outside = outside
    yield pg
    assert outside.requests == [], "requests left the origin"
    context.close()


def download_pdf(page, click, timeout: float = 90_000) -> bytes:
    with page.expect_download(timeout=timeout) as info:
        click()
    return Path(info.value.path()).read_bytes()


def test_search_pick_and_download_the_pdf(page):
    page.goto("/fr/")
    page.fill("#q", "alpha")
    page.press("#q", "Enter")
    page.wait_for_url("**/fr/search?q=alpha")
    page.get_by_role("link", name="Alpha", exact=True).first.click()
    page.wait_for_url("**/fr/t/A-alpha")
    data = download_pdf(page, lambda: page.get_by_role("button", name="Préparer le PDF").click())
    assert data.startswith(b"%PDF")
    # the waiting page's script has shown the link to the file it downloaded
    assert page.locator("#download").get_attribute("href") == "/fr/t/A-alpha/report.pdf"


def test_without_javascript_the_waiting_page_refreshes_to_the_pdf(browser, server):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True, base_url=server)
    outside = Outside(server)
    context.route("**/*", outside)
    pg = context.new_page()
    pg.goto("/en/t/B-beta-sud")
    data = download_pdf(pg, lambda: pg.get_by_role("button", name="Prepare the PDF").click())
    assert data.startswith(b"%PDF")
    assert outside.requests == []
    context.close()


def test_arabic_is_right_to_left_in_the_bundled_font(page):
    page.goto("/ar/t/C-gamma")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    family = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family.startswith('"Noto Sans Arabic"')
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Arabic\"', 'غاما')")
    loaded = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => n.includes('/fonts/NotoSansArabic'))"
    )
    assert loaded, "the Arabic font was not loaded from the page's own /fonts/"


def test_a_comparison_of_three_regions(page):
    page.goto("/en/compare/region")
    for name in ("Alpha", "Bêta-Sud", "Gamma"):
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_url("**/en/compare/region?codes=A,B,C")
    data = download_pdf(
        page, lambda: page.get_by_role("button", name="Prepare the comparison").click()
    )
    assert data.startswith(b"%PDF")
    page.goto("/en/compare/region?codes=A,B,C")
    assert page.get_by_role("link", name="The compared values (CSV)").is_visible()


def test_the_language_switch_keeps_the_page(page):
    page.goto("/fr/t/A-alpha")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/t/A-alpha")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/t/A-alpha")
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_keyboard_only_skip_link_search_and_enter(page):
    page.goto("/fr/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator(".skip").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("gamma")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/search?q=gamma")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Gamma":
            break
    else:
        pytest.fail("the result link could not be reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/t/C-gamma")


PAGES = {
    "home": "/{lang}/",
    "search": "/{lang}/search?q=a",
    "territory": "/{lang}/t/A-alpha",
    "compare": "/{lang}/compare/region?codes=A,B,C",
    "compare-levels": "/{lang}/compare/",
    "not-found": "/{lang}/t/ZZ",
}


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_axe_finds_no_violation_on_any_page(page, lang):
    axe = axe_module.Axe()
    found = {}
    for kind, path in PAGES.items():
        for width in (None, PHONE):
            if width:
                page.set_viewport_size(width)
            else:
                page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(path.format(lang=lang))
            results = axe.run(page)
            if results.violations_count:
                found[f"{kind} {width or 'desktop'}"] = results.generate_report()
            if SHOTS:
                SHOTS.mkdir(parents=True, exist_ok=True)
                name = f"{kind}-{lang}-{'phone' if width else 'desktop'}.png"
                page.screenshot(path=str(SHOTS / name), full_page=True)
    # the waiting page: a job of this language, looked at while it waits or once done
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/{lang}/t/C-gamma")
    button = page.locator("form button")
    if button.count():
        with page.expect_navigation():
            page.evaluate("document.querySelector('form').submit()")
        results = axe.run(page)
        if results.violations_count:
            found["job"] = results.generate_report()
        if SHOTS:
            page.screenshot(path=str(SHOTS / f"job-{lang}-desktop.png"), full_page=True)
    assert not found, "\n".join(f"{k}:\n{v}" for k, v in found.items())
