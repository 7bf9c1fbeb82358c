"""The test Neo4j: a real Neo4j 5.26 (LTS) started from Maven, without Docker.

``tests/neo4j`` is a tiny Maven project around Neo4j's own test harness (``neo4j-harness``);
this module builds it once (``mvn package``; the classpath is copied to ``tests/neo4j/target``),
starts its JVM in the background with Bolt on a free port of 127.0.0.1, authentication on and a
random password, waits until the official ``neo4j`` driver answers ``RETURN 1``, and records
what it started in ``tests/neo4j/run/``:

``pid``, ``port``     the JVM and its Bolt port
``env``               ``HALQA_TEST_NEO4J_URI``, ``HALQA_TEST_NEO4J_USER`` and
                      ``HALQA_TEST_NEO4J_PASSWORD``, one ``NAME=value`` a line (Makefile
                      ``include``-able and shell ``source``-able)
``ready``             written by the JVM once Bolt answers (version, edition, uri, pid)
``neo4j.log``         the JVM's output

As a script::

    python tests/neo4j_harness.py start     # build if needed, start, print URI and version
    python tests/neo4j_harness.py status    # exit 0 if running, 1 if not
    python tests/neo4j_harness.py stop      # stop and wait
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_DIR = HERE / "neo4j"
POM = PROJECT_DIR / "pom.xml"
TARGET_DIR = PROJECT_DIR / "target"
APP_JAR = TARGET_DIR / "halqa-test-neo4j.jar"
LIB_DIR = TARGET_DIR / "lib"
RUN_DIR = PROJECT_DIR / "run"
MAIN_CLASS = "org.halqa.testharness.HarnessMain"
USER = "neo4j"
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0
BUILD_TIMEOUT = 900.0
PORT_ATTEMPTS = 3

ENV_URI = "HALQA_TEST_NEO4J_URI"
ENV_USER = "HALQA_TEST_NEO4J_USER"
ENV_PASSWORD = "HALQA_TEST_NEO4J_PASSWORD"

# Heap capped for a 2-core, shared machine; the page cache is set by the harness (--pagecache-mb).
HEAP_FLAGS = ["-Xmx1536m", "-XX:+ExitOnOutOfMemoryError"]
# What Neo4j 5.26's own conf/neo4j.conf passes through server.jvm.additional (it has no
# --add-exports). Left out on purpose: -XX:+AlwaysPreTouch, which would make the idle JVM touch
# (and keep resident) the whole heap.
NEO4J_CONF_JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
]


class HarnessError(Exception):
    """The test Neo4j could not be built, started or stopped; the message says why, in one line."""


@dataclass
class Server:
    """A running test Neo4j. ``process`` is set only when this Python process started it."""

    uri: str
    user: str
    password: str
    pid: int
    version: str = ""
    edition: str = ""
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def credentials(self) -> tuple[str, str, str]:
        return (self.uri, self.user, self.password)


def tools_missing() -> list[str]:
    """The programs the harness needs that are not on PATH (``java``, ``mvn``)."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def is_built() -> bool:
    """True when the jar and its copied classpath are newer than the pom and the Java source."""
    if not APP_JAR.is_file() or not LIB_DIR.is_dir() or not any(LIB_DIR.glob("*.jar")):
        return False
    sources = [POM, *PROJECT_DIR.joinpath("src").rglob("*.java")]
    newest_source = max(path.stat().st_mtime for path in sources)
    return APP_JAR.stat().st_mtime >= newest_source


def build(force: bool = False) -> float:
    """Build tests/neo4j with Maven unless it is up to date; return the seconds it took."""
    if not force and is_built():
        return 0.0
    if shutil.which("mvn") is None:
        raise HarnessError("cannot build the test Neo4j: 'mvn' (Maven) is not on PATH")
    # Several processes may want the build at once; one builds, the others then find it done.
    with _file_lock(RUN_DIR / "build.lock"):
        if not force and is_built():
            return 0.0
        return _maven_package()


def _maven_package() -> float:
    started = time.monotonic()
    try:
        result = subprocess.run(
            ["mvn", "-B", "-q", "-f", str(POM), "package"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
        )
    except subprocess.TimeoutExpired as exc:
        raise HarnessError(f"mvn package did not finish within {BUILD_TIMEOUT:.0f} s") from exc
    if result.returncode != 0:
        detail = _first_line_with((result.stdout + result.stderr).splitlines(), "[ERROR]")
        raise HarnessError(f"mvn package failed (exit {result.returncode}): {detail}")
    if not is_built():
        raise HarnessError(f"mvn package succeeded but {APP_JAR} or {LIB_DIR} is missing")
    return time.monotonic() - started


def java_command(port: int, data_dir: Path, ready_file: Path, watch_stdin: bool) -> list[str]:
    """The full java command line of the harness JVM (the password goes in its environment)."""
    classpath = os.pathsep.join([str(APP_JAR), str(LIB_DIR / "*")])
    command = ["java", *HEAP_FLAGS, *NEO4J_CONF_JVM_FLAGS, "-cp", classpath, MAIN_CLASS]
    command += ["--port", str(port), "--data-dir", str(data_dir), "--ready-file", str(ready_file)]
    if watch_stdin:
        command.append("--watch-stdin")
    return command


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_key_values(path: Path) -> dict[str, str]:
    """``NAME=value`` lines of ``path`` (blank lines and ``#`` comments skipped)."""
    values: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            raise HarnessError(f"{path}: line {number}: expected NAME=value, got {line!r}")
        values[name.strip()] = value.strip()
    return values


def is_harness_process(pid: int) -> bool:
    """True when ``pid`` is alive and is the harness JVM (not a recycled pid of something else)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    # A zombie (exited, not yet reaped) has an empty command line.
    return MAIN_CLASS.encode() in cmdline


def running(run_dir: Path = RUN_DIR) -> Server | None:
    """The harness recorded in ``run_dir`` if its JVM is alive and it became ready, else None."""
    pid_file, env_file, ready_file = run_dir / "pid", run_dir / "env", run_dir / "ready"
    if not (pid_file.is_file() and env_file.is_file() and ready_file.is_file()):
        return None
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
    except ValueError:
        return None
    if not is_harness_process(pid):
        return None
    env = read_key_values(env_file)
    ready = read_key_values(ready_file)
    if ENV_URI not in env or ENV_PASSWORD not in env:
        return None
    return Server(
        uri=env[ENV_URI],
        user=env.get(ENV_USER, USER),
        password=env[ENV_PASSWORD],
        pid=pid,
        version=ready.get("version", ""),
        edition=ready.get("edition", ""),
    )


def query_server(uri: str, user: str, password: str, timeout: float = 10.0) -> tuple[str, str]:
    """Run ``RETURN 1`` and ``dbms.components()`` through the driver; return (version, edition).

    Raises the driver's own exceptions (``AuthError``, ``ServiceUnavailable``, ...) unchanged.
    """
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=(user, password), connection_timeout=timeout) as driver:
        one = driver.execute_query("RETURN $one AS one", one=1).records[0]["one"]
        if one != 1:
            raise HarnessError(f"{uri} answered RETURN 1 with {one!r}")
        records = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition "
            "WHERE name = $name RETURN versions[0] AS version, edition",
            name="Neo4j Kernel",
        ).records
    if not records:
        raise HarnessError(f"{uri}: dbms.components() reported no Neo4j Kernel")
    return records[0]["version"], records[0]["edition"]


@contextlib.contextmanager
def _file_lock(lock_file: Path) -> Iterator[None]:
    """An exclusive lock held while the block runs (other processes wait for it)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run_dir_lock(run_dir: Path) -> contextlib.AbstractContextManager[None]:
    """One start or stop at a time per run directory (parallel pytest processes, a Makefile)."""
    return _file_lock(run_dir / "lock")


def _write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by the owner only."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _clear_run_files(run_dir: Path) -> None:
    for name in ("pid", "port", "env", "ready"):
        (run_dir / name).unlink(missing_ok=True)
    shutil.rmtree(run_dir / "data", ignore_errors=True)


def _first_line_with(lines: list[str], *markers: str) -> str:
    """The first line holding the first marker found, else the last non-empty line."""
    for marker in markers:
        for line in lines:
            if marker in line:
                return line.strip()
    rest = [line.strip() for line in lines if line.strip()]
    return rest[-1] if rest else "(no output)"


def _log_tail(log_file: Path, lines: int = 20) -> list[str]:
    try:
        return log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError:
        return []


def start(
    run_dir: Path = RUN_DIR, timeout: float = START_TIMEOUT, watch_stdin: bool = False
) -> Server:
    """Start the test Neo4j (or return the one already running) and wait until it answers.

    With ``watch_stdin`` the JVM is tied to this Python process through a pipe on its standard
    input: it shuts itself down when this process exits, however it exits. Without it the JVM
    runs detached (its own session) until ``stop``.
    """
    with _run_dir_lock(run_dir):
        existing = running(run_dir)
        if existing is not None:
            return existing
        missing = tools_missing()
        if missing:
            raise HarnessError(f"cannot start the test Neo4j: not on PATH: {', '.join(missing)}")
        build()
        # The free port may be taken between choosing it and the JVM binding it: try another.
        for attempt in range(1, PORT_ATTEMPTS + 1):
            try:
                return _start_once(run_dir, timeout, watch_stdin)
            except _PortTaken as exc:
                if attempt == PORT_ATTEMPTS:
                    raise HarnessError(str(exc)) from None
        raise AssertionError("unreachable")


class _PortTaken(HarnessError):
    pass


def _start_once(run_dir: Path, timeout: float, watch_stdin: bool) -> Server:
    _clear_run_files(run_dir)
    port = free_port()
    password = secrets.token_urlsafe(24)
    uri = f"bolt://127.0.0.1:{port}"
    ready_file, log_file = run_dir / "ready", run_dir / "neo4j.log"
    command = java_command(port, run_dir / "data", ready_file, watch_stdin)
    env = {**os.environ, ENV_PASSWORD: password}
    with open(log_file, "wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE if watch_stdin else subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=run_dir,
            start_new_session=not watch_stdin,
        )
    (run_dir / "pid").write_text(f"{process.pid}\n", encoding="utf-8")
    (run_dir / "port").write_text(f"{port}\n", encoding="utf-8")
    try:
        version, edition = _wait_until_answering(process, uri, password, ready_file, timeout)
    except BaseException:
        _terminate(process.pid, process, STOP_TIMEOUT)
        _clear_run_files(run_dir)
        raise
    _write_private(
        run_dir / "env", f"{ENV_URI}={uri}\n{ENV_USER}={USER}\n{ENV_PASSWORD}={password}\n"
    )
    return Server(uri, USER, password, process.pid, version, edition, process)


def _wait_until_answering(
    process: subprocess.Popen, uri: str, password: str, ready_file: Path, timeout: float
) -> tuple[str, str]:
    from neo4j.exceptions import DriverError, Neo4jError

    log_file = ready_file.with_name("neo4j.log")
    deadline = time.monotonic() + timeout
    last_error = "the JVM did not report ready"
    while time.monotonic() < deadline:
        code = process.poll()
        if code is not None:
            tail = _log_tail(log_file)
            detail = _first_line_with(tail, "halqa-test-neo4j:", "Exception")
            if any("Address already in use" in line for line in tail):
                raise _PortTaken(f"the test Neo4j could not bind {uri}: {detail}")
            raise HarnessError(
                f"the test Neo4j JVM exited with code {code}: {detail} (see {log_file})"
            )
        if ready_file.is_file():
            try:
                return query_server(uri, USER, password)
            except (DriverError, Neo4jError, OSError) as exc:
                last_error = f"{type(exc).__name__}: {exc}"
        time.sleep(0.25)
    raise HarnessError(
        f"the test Neo4j did not answer on {uri} within {timeout:.0f} s "
        f"({last_error}; see {log_file})"
    )


def _terminate(pid: int, process: subprocess.Popen | None, timeout: float) -> None:
    """SIGTERM ``pid`` (the JVM shuts Neo4j down cleanly), SIGKILL it after ``timeout``."""
    def gone() -> bool:
        if process is not None:
            return process.poll() is not None
        return not is_harness_process(pid)

    if gone():
        return
    if process is not None and process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if gone():
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    if process is not None:
        process.wait(timeout=10)


def stop(
    run_dir: Path = RUN_DIR, server: Server | None = None, timeout: float = STOP_TIMEOUT
) -> bool:
    """Stop the test Neo4j recorded in ``run_dir``; return False if none was running.

    Only a pid whose command line is the harness JVM is ever signalled.
    """
    with _run_dir_lock(run_dir):
        pid_file = run_dir / "pid"
        try:
            pid = int(pid_file.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            pid = None
        process = server.process if server is not None and server.pid == pid else None
        was_running = pid is not None and is_harness_process(pid)
        if was_running:
            _terminate(pid, process, timeout)
            if is_harness_process(pid):
                raise HarnessError(f"the test Neo4j (pid {pid}) did not stop")
        elif process is not None:
            process.wait(timeout=timeout)
        _clear_run_files(run_dir)
        return was_running


def resident_memory_mb(pid: int) -> float | None:
    """Resident set size of ``pid`` in MiB (Linux /proc), or None if unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="neo4j_harness.py", description="Start, stop or check the test Neo4j (tests/neo4j)."
    )
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument(
        "--timeout", type=float, default=START_TIMEOUT, help="seconds to wait for Bolt on start"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            already = running()
            started = time.monotonic()
            built = 0.0 if already is not None else build()
            server = already or start(timeout=args.timeout)
            took = time.monotonic() - started
            how = "already running" if already else f"started in {took:.1f} s"
            if built:
                how += f" (Maven build {built:.1f} s)"
            print(f"Neo4j {server.version} {server.edition} at {server.uri} (user {server.user}, "
                  f"pid {server.pid}): {how}")
            print(f"export variables: {RUN_DIR / 'env'}")
            return 0
        if args.command == "stop":
            was = stop()
            print("test Neo4j stopped" if was else "test Neo4j was not running")
            return 0
        server = running()
        if server is None:
            print("test Neo4j is not running")
            return 1
        rss = resident_memory_mb(server.pid)
        memory = f", RSS {rss:.0f} MiB" if rss is not None else ""
        print(f"Neo4j {server.version} {server.edition} at {server.uri} (pid {server.pid}{memory})")
        return 0
    except HarnessError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
