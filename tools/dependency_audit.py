"""The dependency audit of `make security`: pip-audit over the pinned runtime requirements.

Fails (exit 1) when a pinned package has a known vulnerability. When the vulnerability database
cannot be reached (no network, a registry mirror without PyPI's JSON API) it says how many
packages were not audited and why, and does not fail: an offline CI is not a vulnerable one,
but neither is it reported as "no known vulnerabilities". pip-audit alone prints exactly that
for packages it skipped, which is why this wrapper reads its JSON.

    python tools/dependency_audit.py [requirements/base.txt]
Environment: AUDIT_SERVICE (pypi or osv; default pypi), AUDIT_TIMEOUT (seconds, default 15).
"""

from __future__ import annotations

import json
import os
import subprocess  # nosec B404
import sys
from pathlib import Path


def audit(requirements: str) -> tuple[dict | None, str]:
    command = [
        str(Path(sys.executable).with_name("pip-audit")),
        "--requirement",
        requirements,
        "--disable-pip",
        "--no-deps",
        "--vulnerability-service",
        os.environ.get("AUDIT_SERVICE", "pypi"),
        "--timeout",
        os.environ.get("AUDIT_TIMEOUT", "15"),
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    # The command is fixed (pip-audit beside this Python), without a shell.
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    try:
        return json.loads(done.stdout), done.stderr
    except json.JSONDecodeError:
        return None, done.stderr


def report(result: dict | None, errors: str) -> int:
    if result is None:
        last = errors.strip().splitlines()[-1:] or ["no output"]
        print(f"dependency audit: the vulnerability database could not be reached ({last[0]}).")
        print("dependency audit: NOT AUDITED (not failing: run it again with network access).")
        return 0
    dependencies = result.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            aliases = ", ".join(vuln.get("aliases") or [])
            print(
                f"VULNERABLE {dependency['name']}=={dependency.get('version')}: {vuln['id']}"
                f"{f' ({aliases})' if aliases else ''}; fixed in {fixed}"
            )
    if skipped:
        reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
        print(
            f"dependency audit: {len(skipped)} of {len(dependencies)} packages NOT AUDITED "
            f"({'; '.join(reasons)}): the vulnerability database was not reachable for them."
        )
    print(
        f"dependency audit: {audited} packages audited, "
        f"{sum(len(d['vulns']) for d in vulnerable)} known vulnerabilities."
    )
    return 1 if vulnerable else 0


def main() -> int:
    requirements = sys.argv[1] if len(sys.argv) > 1 else "requirements/base.txt"
    return report(*audit(requirements))


if __name__ == "__main__":
    sys.exit(main())
