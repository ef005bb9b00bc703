"""Record real `dbt ls` answers for scripts/regen-conformance.mjs.

Input (argv[1], JSON): {"profiles_dir": str, "projects": [{"name", "dir", "env"}],
"runs": [{"current": name, "state": name, "args": [...]}]}. Each project is parsed
once with dbtRunner (a full parse, as CI does); every `ls` for that project then
reuses the parsed manifest, so one process answers hundreds of selectors.
Output (argv[2], JSON): {"runs": [{..., "ids": [...]} | {..., "error": str}]}.
"""
import json
import os
import sys

import dbt.task.runnable as runnable
from dbt.cli.main import dbtRunner

# Loading the --state manifest is most of an `ls` invocation's time. Selection
# only reads it, so each state directory is loaded once per process.
_PreviousState = runnable.PreviousState
_states = {}


def _cached_previous_state(state_path, target_path, project_root):
    key = (str(state_path), str(target_path), str(project_root))
    if key not in _states:
        _states[key] = _PreviousState(state_path=state_path, target_path=target_path, project_root=project_root)
    return _states[key]


runnable.PreviousState = _cached_previous_state

# Registering the adapter on every invocation walks inspect.stack() once per
# behaviour flag (~1 s) only to name the module that defined the flag; that
# name is never used by `ls`.
import dbt_common.behavior_flags as _bf  # noqa: E402

_bf.BehaviorFlagRendered._default_source = staticmethod(lambda: "dbt.adapters")


def main() -> None:
    job = json.loads(open(sys.argv[1]).read())
    profiles = job["profiles_dir"]
    by_name = {p["name"]: p for p in job["projects"]}
    manifests = {}
    base_env = dict(os.environ)
    for p in job["projects"]:
        os.environ.clear()
        os.environ.update(base_env)
        os.environ.update(p.get("env") or {})
        res = dbtRunner().invoke(["parse", "--project-dir", p["dir"], "--profiles-dir", profiles, "--quiet"])
        if not res.success:
            raise SystemExit(f"dbt parse failed for {p['name']}: {res.exception}")
        manifests[p["name"]] = res.result
        print(f"parsed {p['name']}", file=sys.stderr, flush=True)
    os.environ.clear()
    os.environ.update(base_env)
    out = []
    for r in job["runs"]:
        cur = by_name[r["current"]]
        state_dir = os.path.join(by_name[r["state"]]["dir"], "target")
        args = ["ls", "--project-dir", cur["dir"], "--profiles-dir", profiles, "--state", state_dir,
                "--output", "json", "--output-keys", "unique_id", "--quiet"] + r["args"]
        res = dbtRunner(manifest=manifests[r["current"]]).invoke(args)
        rec = dict(r)
        if res.success:
            rec["ids"] = sorted(json.loads(line)["unique_id"] for line in (res.result or []))
        else:
            rec["error"] = f"{type(res.exception).__name__}: {res.exception}"
        out.append(rec)
    json.dump({"runs": out}, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
