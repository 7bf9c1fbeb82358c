"""The UI in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
it serves, shows the store, renders the network, and asks for nothing outside the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ingest.demo import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent / "halqa"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _need_browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Debian chromium is missing (make test installs it with apt-get)")
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served_ui(demo_settings):
    settings = demo_settings
    port = _free_port()
    env = dict(os.environ, HALQA_DATA_DIR=str(settings.data_dir))
    proc = subprocess.Popen([str(BIN), "ui", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail(f"UI did not start: {proc.stdout.read()}")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


SEARCH = "Victim"  # every demo victim is shown under a pseudonym, "Victim V-…"


def test_ui_in_real_browser(served_ui, tmp_path):
    sync_api = _need_browser()
    outside: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS,
                                     headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})

        def watch(request):
            host = urlparse(request.url).hostname
            if host and host not in ("127.0.0.1", "localhost"):
                outside.append(request.url)

        page.on("request", watch)
        page.goto(served_ui, wait_until="networkidle")
        page.get_by_label("User name").fill("investigator")
        page.get_by_role("textbox", name="Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("Your cases").wait_for(timeout=30000)
        page.locator("[data-testid=stMetric]").filter(has_text="Cases").first.wait_for(timeout=30000)
        page.screenshot(path=str(tmp_path / "home.png"))
        page.get_by_role("link", name="Search").click()
        page.get_by_label("Name (Azerbaijani, Russian or English spelling)").fill(SEARCH)
        page.get_by_label("Name (Azerbaijani, Russian or English spelling)").press("Enter")
        page.get_by_role("button", name="Explore network").first.click()
        page.get_by_text("Links and their sources").wait_for(timeout=30000)
        frame = page.frame_locator("iframe").first
        frame.locator("canvas").first.wait_for(timeout=30000)
        page.screenshot(path=str(tmp_path / "network.png"), full_page=True)
        if os.environ.get("HALQA_SCREENSHOTS"):
            page.screenshot(path=os.environ["HALQA_SCREENSHOTS"] + "/network.png", full_page=True)
        browser.close()
    assert outside == [], f"the UI asked for outside resources: {outside[:3]}"
