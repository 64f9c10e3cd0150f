"""The wrk Lua script of bench/load.py: rotate through URL variants and report the latency summary."""

import json


def lua_script(paths: list[str]) -> str:
    """Each wrk thread walks the list from its own starting point, one step per request, so no two
    consecutive requests (of a thread, and so of a connection) ask for the same URL."""
    if len(paths) < 2:
        raise ValueError("rotate through at least two URLs")
    listed = ", ".join(json.dumps(path, ensure_ascii=False) for path in paths)
    return f"""
local paths = {{{listed}}}
local counter = 0
local threads = 0

setup = function(thread)
  thread:set("start", threads)
  threads = threads + 1
end

init = function(args)
  counter = start or 0
end

request = function()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH rps=%.1f p50=%d p95=%d errors=%d non2xx=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(95),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""
