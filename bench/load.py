"""Load and scale benchmark: gunicorn on 127.0.0.1, wrk from a second process, PostgreSQL.

For 1,000 and for 100,000 activities spread across organisations it builds a fresh PostgreSQL
database, starts gunicorn, and measures /healthz, the activity catalogue (with and without a
search word) and a plan page. What counts are ratios measured in the same run:

- catalogue throughput / healthz throughput (goal: at least 0.30)
- p50 latency at 100,000 / p50 at 1,000 activities, per page (goal: at most 2)

Run by `make bench` (bench/run.py). Needs `wrk` (Debian package) and PostgreSQL at 127.0.0.1:5432.
BENCH_SIZES and BENCH_SECONDS override the sizes and the seconds per URL.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
ORGANISATIONS = 50
SEARCH_WORD = "föräldrastöd"

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH rps=%.1f p50=%d p95=%d errors=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(95),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout))
end
"""


def django_env(db_name: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{db_name}",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        AXES_FAILURE_LIMIT="1000",
        DJANGO_SETTINGS_MODULE="vbe_portal.settings",
    )
    return env


def run_python(code: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return result.stdout


def prepare_database(db_name: str, activities: int) -> dict:
    env = django_env(db_name)
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", db_name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db_name], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    out = run_python(
        f"import django; django.setup(); from bench._loaddata import build; build({activities})", env
    )
    return dict(line.split("=", 1) for line in out.strip().splitlines() if "=" in line)


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer on {url}")


def measure(url: str, cookie: str, script: str) -> dict:
    cmd = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "-s", script, "--timeout", "10s"]
    if cookie:
        # As a browser that has been here before: a session and a CSRF cookie.
        cmd += ["-H", f"Cookie: sessionid={cookie}; csrftoken={'b' * 32}"]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    match = re.search(r"BENCH rps=([\d.]+) p50=(\d+) p95=(\d+) errors=(\d+)", out)
    if not match:
        raise RuntimeError(out)
    rps, p50, p95, errors = match.groups()
    return {"rps": float(rps), "p50_ms": int(p50) / 1000, "p95_ms": int(p95) / 1000, "errors": int(errors)}


def bench_size(activities: int, script: str) -> dict:
    db_name = f"vbe_bench_{activities}"
    info = prepare_database(db_name, activities)
    env = django_env(db_name)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "vbe_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        wait_for(base + "/healthz")
        urls = {
            "healthz": (base + "/healthz", ""),
            "katalog": (base + info["catalogue_url"], info["session"]),
            "katalog+sök": (
                base + info["catalogue_url"] + "?q=" + urllib.request.quote(SEARCH_WORD),
                info["session"],
            ),
            "planssida": (base + info["plan_url"], info["session"]),
        }
        results = {}
        for name, (url, cookie) in urls.items():
            measure(url, cookie, script)  # warm-up: connections, caches, first queries
            results[name] = measure(url, cookie, script)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def main() -> int:
    if not shutil.which("wrk"):
        print("bench/load.py: wrk saknas (apt-get install wrk); hoppar över.")
        return 0
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(WRK_SCRIPT)
        script = handle.name
    all_results = {}
    for size in SIZES:
        all_results[size] = bench_size(size, script)
        print(f"\n{size} aktiviteter ({SECONDS} s per adress, {CONNECTIONS} samtidiga anslutningar)")
        print(f"  {'adress':<14}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'fel':>6}")
        for name, r in all_results[size].items():
            print(f"  {name:<14}{r['rps']:>10.1f}{r['p50_ms']:>10.1f}{r['p95_ms']:>10.1f}{r['errors']:>6}")
    print("\nKvoter (mätta i samma körning):")
    for size, results in all_results.items():
        for page in ("katalog", "katalog+sök"):
            ratio = results[page]["rps"] / results["healthz"]["rps"]
            print(f"  {page} / healthz genomströmning vid {size}: {ratio:.2f} (mål ≥ 0.30)")
    if len(SIZES) >= 2:
        small, large = all_results[SIZES[0]], all_results[SIZES[-1]]
        for page in ("katalog", "katalog+sök", "planssida"):
            ratio = large[page]["p50_ms"] / small[page]["p50_ms"]
            print(f"  p50 {page} vid {SIZES[-1]} / vid {SIZES[0]}: {ratio:.2f} (mål ≤ 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
