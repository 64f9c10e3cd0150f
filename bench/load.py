"""Load and scale benchmark that measures what users do: gunicorn (2 workers) on 127.0.0.1 and PostgreSQL.

For 1,000 and 100,000 adopted activities over a city's committees (plus a second municipality nobody
here may see) it builds a fresh database, starts gunicorn, logs in a medarbetare, a samordnare and a
central samordnare through the login form (each with cookies of their own), and drives wrk per role and
page with a Lua script that rotates through URL variants, so no two consecutive requests are the same URL
and nothing can be a repeat of the one before: the first five catalogue pages, filter combinations,
search words, and the plan page of a 300-activity plan, the follow-up progress and report pages of a
300-activity round and the lägesbild comparison over ten years. It prints req/s, p50 and p95 per role and
page, and the ratios measured in the same run:

- throughput / `/healthz` throughput (goal for the central samordnare's catalogue: at least 0.10), the
  baseline being the mean of `/healthz` measured before and after the pages of each size
- p50 at the largest size / p50 at the smallest (goal: at most 1.5 for every role and page)

and a cProfile of one catalogue request of the central samordnare at the largest size.

Run by `make bench` (bench/run.py). Needs `wrk` (Debian package), PostgreSQL at 127.0.0.1:5432 and
Redis at 127.0.0.1:6379.
BENCH_SIZES, BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_DB (database name prefix) and BENCH_REDIS_URL (the
cache and sessions, as in docker-compose.yml) change the run.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _wrk import lua_script  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_PREFIX = os.environ.get("BENCH_DB", "vbe_bench15")
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "6"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PASSWORD = "bench-bench-123"
ROLES = {"medarbetare": "medarbetare", "samordnare": "samordnare", "central": "central_samordnare"}
SEARCH_WORDS = [
    "föräldrastöd",
    "POLIS skola",
    "trygghet",
    "dialog ungdomar",
    "källkritik",
    "förskola",
    "nätv",
]


def django_env(db_name: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{db_name}",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",
        AXES_FAILURE_LIMIT="1000",
        DJANGO_SETTINGS_MODULE="vbe_portal.settings",
        WHITENOISE_USE_FINDERS="1",  # no collectstatic for a throw-away server
        # As docker-compose.yml runs the app: the cache, and with it the sessions (cached_db), in Redis.
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
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
    pg = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", *pg, "--if-exists", db_name], check=True)
    subprocess.run(["createdb", *pg, db_name], check=True)
    # As production PostgreSQL on SSD is configured (docker-compose.yml): random reads cost about as much
    # as sequential ones, so the planner looks rows up by index rather than scanning a table to join.
    subprocess.run(
        ["psql", *pg, "-q", "-c", f"ALTER DATABASE {db_name} SET random_page_cost = 1.1"], check=True
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    out = run_python(
        f"import django; django.setup(); from bench._loaddata import build; build({activities})", env
    )
    # As a database that has been in use: statistics gathered, visibility map set (index-only counts).
    subprocess.run(["psql", *pg, "-q", "-c", "VACUUM ANALYZE", db_name], check=True)
    print(f"  (data for {activities} activities built in {time.monotonic() - started:.0f} s)", flush=True)
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


class Browser:
    """One user's cookies, kept by hand: the app sets Secure cookies, which urllib keeps off plain HTTP."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None):
        headers = {"Cookie": self.cookie_header()}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:  # 302 after login lands here
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.read().decode("utf-8", "replace")

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def log_in(self, username: str) -> None:
        status, html = self.request("/konto/logga-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _ = self.request(
            "/konto/logga-in/", {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} failed ({status})")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def measure(base: str, paths: list[str], cookie: str, workdir: str) -> dict:
    script = Path(workdir) / "rotate.lua"
    script.write_text(lua_script(paths), encoding="utf-8")
    cmd = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-s", str(script), "--timeout", "10s"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    subprocess.run([*cmd, "-d", "1s", base], capture_output=True, check=True)  # warm-up
    out = subprocess.run([*cmd, "-d", f"{SECONDS}s", base], capture_output=True, text=True, check=True).stdout
    match = re.search(r"BENCH rps=([\d.]+) p50=(\d+) p95=(\d+) errors=(\d+) non2xx=(\d+)", out)
    if not match:
        raise RuntimeError(out)
    rps, p50, p95, errors, non2xx = match.groups()
    return {
        "rps": float(rps),
        "p50_ms": int(p50) / 1000,
        "p95_ms": int(p95) / 1000,
        "errors": int(errors) + int(non2xx),
    }


def pages(info: dict) -> dict[str, list[str]]:
    """Each page kind and the URL variants its wrk run rotates through."""
    catalogue = "/aktiviteter/"
    kinds = ["forebyggande", "forhindrande", "foreningsbidrag", "kompetenshojande"]
    filters = [f"kind={kind}" for kind in kinds] + [
        "year=2025",
        f"organisation={info['featured_org']}",
        "kind=forebyggande&year=2025&page=2",
        "responsible=skolan",
        "partners=polis&kind=kompetenshojande",
    ]
    searches = [f"q={urllib.parse.quote(word)}" for word in SEARCH_WORDS] + ["q=trygghet&page=2"]
    single = lambda path: [f"{path}?v={n}" for n in range(1, 6)]  # noqa: E731 - the page itself, 5 URLs
    return {
        "katalog sida 1–5": [f"{catalogue}?page={n}" for n in range(1, 6)],
        "katalog filter": [f"{catalogue}?{query}" for query in filters],
        "katalog sök": [f"{catalogue}?{query}" for query in searches],
        "planssida 300": single(info["plan_url"]),
        "uppföljning 300": single(info["progress_url"]),
        "rapport 300": single(info["report_url"]),
        "lägesbild 10 år": single(info["comparison_url"]),
    }


def check_isolation(browser: Browser, role: str, info: dict, urls: dict) -> list[str]:
    """The pages each role may open (200), and that none shows the other municipality."""
    allowed = []
    for page, paths in urls.items():
        status, html = browser.request(paths[0])
        if status == 200:
            allowed.append(page)
            if "grannord" in html.lower() or "Grannkommun" in html:
                raise RuntimeError(f"{role} sees the other municipality on {paths[0]}")
    status, html = browser.request("/aktiviteter/?q=grannord")
    if "0 aktiviteter" not in html:
        raise RuntimeError(f"{role}: searching the other municipality's canary found something")
    return allowed


def profile(db_name: str, username: str) -> str:
    # The project's own files (not the venv's), and the prefix shortened in the listing.
    own, prefix = re.escape(str(ROOT)) + r"/(?!\.venv)", str(ROOT) + "/"
    code = f"""
import cProfile, io, pstats, time, django
django.setup()
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username={username!r}))
client.get("/aktiviteter/?page=3")
sql = []
def timer(execute, sql_text, params, many, context):
    started = time.perf_counter()
    try:
        return execute(sql_text, params, many, context)
    finally:
        sql.append(time.perf_counter() - started)
profiler = cProfile.Profile()
with connection.execute_wrapper(timer):
    started = time.perf_counter()
    profiler.enable()
    for n in (1, 2, 3, 4, 5):
        client.get(f"/aktiviteter/?page={{n}}")
    profiler.disable()
    total = (time.perf_counter() - started) / 5
print(f"  per request {{total * 1000:.1f}} ms in process, of which SQL {{sum(sql) / 5 * 1000:.1f}} ms "
      f"({{len(sql) / 5:.0f}} queries)")
def listing(sort, *restrictions):
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(sort).print_stats(*restrictions)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    return "\\n".join("  " + line.replace({prefix!r}, "") for line in lines[start:])
print("  The project's own functions and the template render, by cumulative time (5 requests):")
print(listing("cumulative", {own!r} + "|shortcuts.py", 24))
print("  Where the time is spent itself (tottime), all code:")
print(listing("tottime", 14))
"""
    return run_python(code, django_env(db_name))


def bench_size(activities: int, workdir: str) -> dict:
    db_name = f"{DB_PREFIX}_{activities}"
    info = prepare_database(db_name, activities)
    env = django_env(db_name)
    # A fresh database starts its catalogue generations over: nothing cached for another one may remain.
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "vbe_portal.wsgi:application", "--bind", f"127.0.0.1:{PORT}", "--workers", "2"]
        + ["--log-level", "warning"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stderr=(Path(workdir) / "gunicorn.log").open("w"),  # 403s of roles refused a page are expected
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        wait_for(base + "/healthz")
        urls = pages(info)
        healthz_urls = [f"/healthz?v={n}" for n in range(1, 6)]
        before = measure(base, healthz_urls, "", workdir)
        results = {("–", "healthz"): before}
        for role, key in ROLES.items():
            browser = Browser(base)
            browser.log_in(info[f"user_{key}"])
            for page in check_isolation(browser, role, info, urls):
                results[(role, page)] = measure(base, urls[page], browser.cookie_header(), workdir)
        # This machine's speed drifts (a shared host): the baseline is the mean of /healthz measured
        # before and after the pages, and both are printed, so a drift shows in the table.
        after = measure(base, healthz_urls, "", workdir)
        results[("–", "healthz")] = {
            key: (before[key] + after[key]) / 2 for key in ("rps", "p50_ms", "p95_ms")
        } | {"errors": before["errors"] + after["errors"]}
        results[("–", "healthz före")], results[("–", "healthz efter")] = before, after
        results["profile"] = (
            profile(db_name, info["user_central_samordnare"]) if activities == SIZES[-1] else ""
        )
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def report(all_results: dict) -> None:
    for size, results in all_results.items():
        print(f"\n{size} aktiviteter ({SECONDS} s per sida, {CONNECTIONS} samtidiga anslutningar, 2 workers)")
        print(f"  {'roll':<13}{'sida':<19}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'fel':>5}{'/healthz':>10}")
        healthz = results[("–", "healthz")]["rps"]
        for key, r in results.items():
            if key == "profile":
                continue
            role, page = key
            ratio = r["rps"] / healthz
            print(
                f"  {role:<13}{page:<19}{r['rps']:>8.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
                f"{r['errors']:>5}{ratio:>10.3f}"
            )
    small, large = all_results[SIZES[0]], all_results[SIZES[-1]]
    print("\nKvoter (mätta i samma körning):")
    for size, results in all_results.items():
        healthz = results[("–", "healthz")]["rps"]
        for page in ("katalog sida 1–5", "katalog filter", "katalog sök"):
            if ("central", page) in results:
                ratio = results[("central", page)]["rps"] / healthz
                print(f"  central {page} / healthz vid {size}: {ratio:.3f} (mål ≥ 0.10)")
    if len(SIZES) >= 2:
        for key in small:
            if key in large and key != "profile" and key[0] != "–":
                if not small[key]["p50_ms"]:
                    print(f"  p50 {key[0]} {key[1]}: inga svar inom tiden vid {SIZES[0]}")
                    continue
                ratio = large[key]["p50_ms"] / small[key]["p50_ms"]
                print(f"  p50 {key[0]} {key[1]} vid {SIZES[-1]} / vid {SIZES[0]}: {ratio:.2f} (mål ≤ 1.5)")
    if large.get("profile"):
        print(f"\nProfil: en katalogsida för central samordnare vid {SIZES[-1]} (cProfile, kumulativ tid)")
        print(large["profile"])


def main() -> int:
    if not shutil.which("wrk"):
        print("bench/load.py: wrk saknas (apt-get install wrk); hoppar över.")
        return 0
    all_results = {}
    with tempfile.TemporaryDirectory() as workdir:
        for size in SIZES:
            print(f"Mäter {size} aktiviteter …", flush=True)
            all_results[size] = bench_size(size, workdir)
    report(all_results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
