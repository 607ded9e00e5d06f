"""The lab server's web page in a real browser (Debian's chromium, headless, through Selenium): the
library's models with their copy buttons (the download command for this server, the lock entry), in
English or in Chinese by the browser's language; with an admin token, the jobs with live progress, a
download added on the server and a job removed; a read token sees the jobs but cannot change them."""

from __future__ import annotations

import pytest

from tests.helpers.browser import chromium
from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import make_model
from tests.integration.test_serve import Served, held  # noqa: F401 (the fixture)
from tests.integration.test_serve_control import _token

pytestmark = pytest.mark.integration

CAPTURE = """window.__copied = [];
navigator.clipboard.writeText = t => { window.__copied.push(t); return Promise.resolve(); };"""


def _wait(driver, what, timeout=30):
    """what(driver) until it is truthy; the page redraws its tables as they change, so an element found
    a moment ago may be gone: that is tried again, not an error."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.2,
                         ignored_exceptions=(StaleElementReferenceException,)).until(lambda d: what(d))


def _click(driver, xpath: str) -> None:
    from selenium.webdriver.common.by import By

    _wait(driver, lambda d: d.find_element(By.XPATH, xpath).click() or True)


def _rows(driver, body: str) -> list[str]:
    from selenium.webdriver.common.by import By

    return [r.text for r in driver.find_elements(By.CSS_SELECTOR, f"#{body} tr")]


def test_the_page_lists_the_library_and_an_admin_runs_jobs_from_it(md, tmp_path, held):  # noqa: F811
    from selenium.webdriver.common.by import By

    repo, commit, _ = held
    make_model(tmp_path / "hub2" / "acme", "small", sizes={"weights.bin": 300 * 1024, "config.json": 10})
    root = tmp_path / "lab"
    root.mkdir()
    (root / "modeldesk.toml").write_text("")
    admin, reader = _token(md, "alice", "--admin"), _token(md, "bob")
    with HubServer(tmp_path / "hub2") as hub, Served(md, "--project-root", str(root)) as lab:
        (root / "modeldesk.toml").write_text(f'[hub]\nmirrors = ["{hub.url}"]\n')
        driver = chromium(tmp_path / "chrome")
        try:
            driver.get(lab.url + "/")
            _wait(driver, lambda d: any("acme/tts" in r for r in _rows(d, "models")))
            row = next(r for r in _rows(driver, "models") if "acme/tts" in r)
            assert "Hugging Face" in row and commit[:12] in row and "3 / 3" in row
            assert driver.find_element(By.TAG_NAME, "h1").text == "ModelDesk lab server"
            driver.execute_script(CAPTURE)
            _click(driver, "//tbody[@id='models']//button[@name='command']")
            _click(driver, "//tbody[@id='models']//button[@name='lock']")
            copied = _wait(driver, lambda d: d.execute_script("return window.__copied.length == 2 && window.__copied"))
            assert copied[0] == f"HF_ENDPOINT={lab.url} hf download acme/tts"
            assert 'repo = "acme/tts"' in copied[1] and f'commit = "{commit}"' in copied[1], copied[1]
            assert not driver.find_element(By.ID, "jobsBox").is_displayed(), "no jobs without a token"

            driver.find_element(By.ID, "token").send_keys(reader)
            driver.find_element(By.ID, "useToken").click()
            _wait(driver, lambda d: any("acme/tts" in r for r in _rows(d, "jobs")))
            assert not driver.find_element(By.ID, "add").is_displayed(), "a read token has no add form"
            assert not driver.find_elements(By.CSS_SELECTOR, "#jobs button")

            token_box = driver.find_element(By.ID, "token")
            token_box.clear()
            token_box.send_keys(admin)
            driver.find_element(By.ID, "useToken").click()
            _wait(driver, lambda d: d.find_element(By.ID, "add").is_displayed())
            form = driver.find_element(By.ID, "add")
            form.find_element(By.NAME, "source").send_keys("hf://acme/small")
            form.find_element(By.NAME, "project").send_keys("small")
            form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            _wait(driver, lambda d: any("acme/small" in r and ("seeding" in r or "finished" in r) and "100%" in r
                                        for r in _rows(d, "jobs")), timeout=60)
            assert (root / "small" / "weights.bin").stat().st_size == 300 * 1024
            _click(driver, "//tbody[@id='jobs']/tr[contains(., 'acme/small')]//button[@name='remove']")
            _wait(driver, lambda d: not any("acme/small" in r for r in _rows(d, "jobs")))
            _wait(driver, lambda d: any("POST jobs" in r and "alice" in r for r in _rows(d, "log")), timeout=15)
            shot = tmp_path / "page.png"
            driver.save_screenshot(str(shot))
        finally:
            driver.quit()
    assert (root / "small" / "weights.bin").exists(), "remove keeps the files"


def test_the_page_speaks_chinese_to_a_chinese_browser(md, tmp_path, held):  # noqa: F811
    from selenium.webdriver.common.by import By

    with Served(md) as lab:
        driver = chromium(tmp_path / "chrome", language="zh-CN")
        try:
            driver.get(lab.url + "/")
            _wait(driver, lambda d: any("acme/tts" in r for r in _rows(d, "models")))
            heading = driver.find_element(By.TAG_NAME, "h1").text
            header = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "section th")][:3]
        finally:
            driver.quit()
    assert heading == "ModelDesk 实验室服务器"
    assert header == ["名称", "来源", "提交"]
