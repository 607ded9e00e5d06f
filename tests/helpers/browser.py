"""A real browser for the lab server's web page: Debian's chromium, headless, driven through its
chromedriver by Selenium. It reaches 127.0.0.1 only: every other address goes to a proxy port nothing
listens on, and Chrome's own background traffic (updates, sync, safe browsing) is turned off."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers.tools import require_tool


def chromium(profile: Path, language: str = "en-US"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not look for drivers online
    options = webdriver.ChromeOptions()
    options.binary_location = require_tool("chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                 "--metrics-recording-only", "--proxy-server=http://127.0.0.1:9", f"--user-data-dir={profile}",
                 f"--lang={language}", "--window-size=1280,900"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    return webdriver.Chrome(options=options, service=Service(require_tool("chromedriver")))
