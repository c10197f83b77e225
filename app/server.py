"""Start the workshop web page: `solara run app/pages.py` in a subprocess, offline-ready.

`python run.py app` calls `serve`; the browser tests call `command` and `environment` to start
the same server on a free port.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from app.assets import ensure_frontend_assets

PAGES = Path(__file__).resolve().parent / "pages.py"
ROOT = PAGES.parent.parent
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765


def command(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> list[str]:
    """The solara command line (production mode: no reloader, no outside checks)."""
    return [sys.executable, "-m", "solara.__main__", "run", str(PAGES), "--host", host,
            "--port", str(port), "--production", "--no-open", "--log-level", "warning"]


def environment() -> dict[str, str]:
    """The server's environment: the project importable, no telemetry calls out."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] = "False"
    env.setdefault("MPLBACKEND", "Agg")
    return env


def url(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """Address of the path-dependence page (the crisis page is at /crisis)."""
    return f"http://{host}:{port}/"


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    """Run the server until interrupted; returns its exit code."""
    ensure_frontend_assets()
    print(f"Workshop page: {url(host, port)}  (crisis page: {url(host, port)}crisis)", flush=True)
    print("Stop with Ctrl+C.", flush=True)
    process = subprocess.Popen(command(host, port), cwd=ROOT, env=environment())

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        return 0
