"""Save docs/export.png: the sample article exported as HTML, in headless Chromium, one card shown.

`reader annotate --format html` writes the page; a probe script added to a
copy of it hovers the third highlight, as a reader's mouse would. Run from the
repository root with Debian's chromium installed: `python docs/export_screenshot.py`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).parent
HOVER = """<script>window.addEventListener("load", () => {
  document.querySelectorAll("a.m")[2].dispatchEvent(new MouseEvent("mouseenter")); });</script>"""


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium is not installed (Debian: apt install chromium)")
    sample = DOCS.parent / "reader" / "sample" / "article.txt"
    page = subprocess.run([sys.executable, "-m", "reader", "annotate", str(sample), "--format", "html"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(page + HOVER, encoding="utf-8")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1000,760", "--virtual-time-budget=2000",
                        f"--screenshot={DOCS / 'export.png'}", path.as_uri()],
                       check=True, capture_output=True)


if __name__ == "__main__":
    main()
