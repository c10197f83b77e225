"""The workshop page in a real browser: headless Chromium driven by Playwright.

Playwright's own browser download is out of reach here, so the tests launch Debian's
`chromium` (installed by .ci/run) through `executable_path`. Without Chromium they skip with
the reason, except under CI (`CI=true`), where a missing browser fails. Screenshots and the
server's log go to test-artifacts/.

What is checked, on both pages: the page loads without console errors; moving a slider
changes the plotted numbers (the page writes them into a table with `data-key` and
`data-value` attributes); the language switch changes the labels; ten steps run.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
STEP_TIMEOUT_MS = 60_000
IN_CI = os.environ.get("CI") == "true"


def _unavailable(reason: str) -> None:
    """Skip, or fail under CI, where the browser tests must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    if executable is None:
        _unavailable("Chromium not found (/usr/bin/chromium or `chromium` on PATH); "
                     "install Debian's chromium package, as .ci/run does")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(browser: object) -> Iterator[str]:
    """The workshop page served by `app.server` on a free port; yields its base URL."""
    from app.assets import ensure_frontend_assets
    from app.server import command, environment

    try:
        ensure_frontend_assets(log=False)
    except RuntimeError as err:
        _unavailable(f"solara's front-end files are missing: {err}")
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    log = (ARTIFACTS / "app-server.log").open("w")
    process = subprocess.Popen(command("127.0.0.1", port), cwd=ROOT, env=environment(),
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                with urllib.request.urlopen(base, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the workshop server did not start; see {log.name}")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


class Page:
    """One browser tab on one page of the app (a fresh solara session), with its console
    errors."""

    def __init__(self, browser: object, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url)
        self.page.wait_for_selector(".wk-values", timeout=STEP_TIMEOUT_MS)
        self.page.wait_for_selector(".wk-plot img", timeout=STEP_TIMEOUT_MS)

    def value(self, key: str) -> float:
        return float(self.page.locator(f"[data-key='{key}']").get_attribute("data-value"))

    def year(self) -> str:
        return self.page.locator(".wk-values").get_attribute("data-year")

    def step(self, expected_year: int) -> None:
        self.page.get_by_role("button", name="Step").click()
        self.page.wait_for_selector(f".wk-values[data-year='{expected_year}']",
                                    timeout=STEP_TIMEOUT_MS)

    def reset(self) -> None:
        self.page.get_by_role("button", name="Reset").click()
        self.page.wait_for_selector(".wk-values[data-year='']", timeout=STEP_TIMEOUT_MS)

    def wait_changed(self, key: str, old: float) -> float:
        self.page.wait_for_function(
            f"parseFloat(document.querySelector(\"[data-key='{key}']\").dataset.value) "
            f"!== {old!r}", timeout=STEP_TIMEOUT_MS)
        return self.value(key)

    def title(self) -> str:
        return self.page.locator(".wk-title").inner_text()

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.wait_for_timeout(800)  # let the last images paint
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def close(self) -> None:
        self.context.close()


def expect(locator: object) -> object:
    """Playwright's auto-waiting assertion (imported late: playwright may be missing)."""
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=STEP_TIMEOUT_MS)
    return playwright_expect(locator)


@pytest.fixture(scope="module")
def path_page(browser: object, server: str) -> Iterator[Page]:
    """One session on the path-dependence page, shared by the tests below in order."""
    page = Page(browser, server)
    yield page
    page.close()


@pytest.fixture(scope="module")
def crisis_page(browser: object, server: str) -> Iterator[Page]:
    """One session on the crisis page, shared by the tests below in order."""
    page = Page(browser, server + "crisis")
    yield page
    page.close()


# ---------------------------------------------------------------------------- path dependence
def test_path_page_loads_without_console_errors(path_page):
    page = path_page
    assert page.title().startswith("Padafhankelijkheid")
    assert page.year() == ""
    page.screenshot("path_page_start.png")
    assert page.errors == []


def test_path_page_runs_ten_steps(path_page):
    page = path_page
    page.reset()
    for year in range(1, 11):
        page.step(year)
    expect(page.page.locator(".wk-position")).to_have_text("Jaar 10 van 30")
    assert 0 < page.value("vo|female") < page.value("vo|male") < 1
    assert page.errors == []


def test_path_slider_changes_plotted_values(path_page):
    page = path_page
    if page.year() == "":
        page.step(1)
    year = page.year()
    keys = ("vo|female", "vo|male", "post|female", "post|male")
    before = {k: page.value(k) for k in keys}
    page.page.locator(".wk-slider-early_exposure [role=slider]").press("End")  # 0.5 -> 1
    page.wait_changed("vo|male", before["vo|male"])
    after = {k: page.value(k) for k in keys}
    assert page.year() == year                      # recomputed up to the same year
    assert after["vo|male"] > before["vo|male"]     # more W&T in primary school, more techniek
    assert sum(after.values()) > sum(before.values())
    expect(page.page.locator(".wk-slider-early_exposure .wk-slider-value")).to_have_text("1")
    assert page.errors == []


def test_path_run_again_with_another_seed(path_page):
    page = path_page
    year, first = page.year(), page.value("vo|female")
    page.page.locator(".wk-run-again").click()
    expect(page.page.locator(".wk-seed input")).to_have_value("2")
    second = page.wait_changed("vo|female", first)
    assert page.year() == year and second != first
    page.screenshot("path_page_10_steps.png")
    assert page.errors == []


def test_path_language_switch_changes_labels(path_page):
    page = path_page
    header = page.page.locator(".wk-values th").nth(1)
    expect(header).to_have_text("meisjes")
    page.page.locator(".wk-lang").click()
    expect(page.page.locator(".wk-title")).to_have_text(re.compile("^Path dependence"))
    expect(header).to_have_text("girls")
    expect(page.page.get_by_text("Early exposure to techniek in primary school")).to_have_count(1)
    page.screenshot("path_page_english.png")
    page.page.locator(".wk-lang").click()
    expect(page.page.locator(".wk-title")).to_have_text(re.compile("^Padafhankelijkheid"))
    expect(header).to_have_text("meisjes")
    assert page.errors == []


# ---------------------------------------------------------------------------- crisis
def test_crisis_page_loads_without_console_errors(crisis_page):
    page = crisis_page
    assert page.title().startswith("Crisis")
    page.screenshot("crisis_page_start.png")
    assert page.errors == []


def test_crisis_page_runs_ten_steps(crisis_page):
    page = crisis_page
    page.reset()
    for i in range(10):
        page.step(2024 + i)
    expect(page.page.locator(".wk-position")).to_have_text("Schooljaar 2033")
    assert page.value("tech_workforce|crisis") > 0
    page.screenshot("crisis_page_10_steps.png")
    assert page.errors == []


def test_crisis_slider_changes_plotted_values(crisis_page):
    page = crisis_page
    page.reset()
    for year in range(2024, 2028):     # into the recession (2026-27), whose losses fade by ~2031
        page.step(year)
    year = page.year()
    key = "tech_workforce|crisis"
    before, reference = page.value(key), page.value("tech_workforce|reference")
    page.page.locator(".wk-slider-depth [role=slider]").press("End")   # 4% -> 8% of GDP
    after = page.wait_changed(key, before)
    assert page.year() == year == "2027"
    assert after < before                  # a deeper recession costs more technicians
    assert page.value("tech_workforce|reference") == reference   # same luck, no recession
    expect(page.page.locator(".wk-slider-depth .wk-slider-value")).to_have_text("8")
    assert page.errors == []


def test_crisis_language_switch_changes_labels(crisis_page):
    page = crisis_page
    page.page.locator(".wk-lang").click()
    expect(page.page.locator(".wk-title")).to_have_text(re.compile("^Crisis: what"))
    expect(page.page.get_by_text("Recession length (years)")).to_have_count(1)
    expect(page.page.locator(".wk-values th").nth(1)).to_have_text("with recession")
    page.screenshot("crisis_page_english.png")
    assert page.errors == []
