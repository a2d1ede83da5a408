"""Helpers of the web page's tests: forms, tokens and jobs read from the pages."""

from __future__ import annotations

import re
import time

from starlette.testclient import TestClient


def form(html: str) -> tuple[str, str]:
    """The action and token of the page's POST form."""
    match = re.search(
        r'<form method="post" action="([^"]+)">\s*<input type="hidden" '
        r'name="token" value="([^"]+)">',
        html,
    )
    assert match, "the page has no form that starts work"
    return match.group(1).replace("&amp;", "&"), match.group(2)


def state(html: str) -> str:
    """The job's state on its waiting page."""
    match = re.search(r'data-state="(\w+)"', html)
    assert match, "not a waiting page"
    return match.group(1)


def wait_for(client: TestClient, job_url: str, seconds: float = 300) -> str:
    """The waiting page once its job is over (polled as the page's refresh would)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        html = client.get(job_url).text
        if state(html) in {"done", "failed"}:
            return html
        time.sleep(0.2)
    raise AssertionError(f"{job_url} did not finish")


def download_link(html: str) -> str:
    """The download link of a finished job's page."""
    match = re.search(r'id="download" href="([^"]+)"', html)
    assert match
    return match.group(1).replace("&amp;", "&")
