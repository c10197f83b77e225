"""Solara's front-end files (Vue/Vuetify app, require.js, Font Awesome), served locally.

Solara's page loads these from a CDN through its own proxy, which caches each file in
`solara.server.settings.assets.proxy_cache_dir` (inside the virtual environment). Our
machines and classrooms may not reach that CDN, so before the server starts we fill the cache
from the npm registry with the ordinary npm client (`npm pack`), once; later starts find the
files in place. The package versions are read from solara's own page template, so they follow
the installed solara.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

_CDN_REF = re.compile(r"\{\{cdn\}\}/((?:@[\w.-]+/)?[\w.-]+@[\w.-]+)/")


def cache_dir() -> Path:
    """Where solara's proxy looks for (and stores) CDN files."""
    from solara.server import settings

    return Path(settings.assets.proxy_cache_dir)


def required_packages() -> list[str]:
    """npm package specs (name@version) that solara's page loads from the CDN."""
    import solara.server
    from solara.server import settings

    template = Path(solara.server.__file__).parent / "templates" / "solara.html.j2"
    specs = set(_CDN_REF.findall(template.read_text(encoding="utf-8")))
    if settings.assets.fontawesome_enabled:
        specs.add(settings.assets.fontawesome_path.strip("/").split("/")[0])
    return sorted(specs)


def missing_packages(base: Path | None = None) -> list[str]:
    """Required packages not yet unpacked in the cache."""
    base = base or cache_dir()
    return [spec for spec in required_packages() if not (base / spec / "package.json").is_file()]


def ensure_frontend_assets(base: Path | None = None, log: bool = True) -> list[str]:
    """Unpack every missing package into the cache with `npm pack`; return what was added.

    Raises:
        RuntimeError: npm is not installed or a package could not be fetched.
    """
    base = base or cache_dir()
    missing = missing_packages(base)
    if not missing:
        return []
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("the web page needs solara's front-end files "
                           f"({', '.join(missing)}) and npm to fetch them: install Node.js "
                           "and npm (Debian: apt-get install nodejs npm)")
    with tempfile.TemporaryDirectory() as tmp:
        if log:
            print(f"Fetching solara's front-end files once: {', '.join(missing)}", flush=True)
        done = subprocess.run([npm, "pack", "--silent", *missing], cwd=tmp, capture_output=True,
                              text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"npm pack failed: {done.stderr.strip()[-500:]}")
        tarballs = done.stdout.split()
        for spec, tarball in zip(missing, tarballs, strict=True):
            target = base / spec
            staging = Path(tempfile.mkdtemp(dir=tmp))
            with tarfile.open(Path(tmp) / tarball) as tar:
                tar.extractall(staging, filter="data")
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(staging / "package"), target)
    return missing
