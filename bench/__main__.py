"""Run every scenario in bench/ and print each measurement as a ratio to its baseline.

One scenario runs in this process; several run one after another, each in a fresh
process with its own throw-away database (most build the same site, which a database
one of them has built already refuses: the home page's address is taken)."""

import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import setup_django  # noqa: E402


def scenario_names(selected=None):
    """The modules of bench/ that define `run()` (read, not imported: importing some
    needs Django set up), all or those `selected`."""
    package = Path(__file__).resolve().parent
    names = []
    for info in pkgutil.iter_modules([str(package)]):
        source = package / info.name / "__init__.py" if info.ispkg else package / f"{info.name}.py"
        if "\ndef run(" in source.read_text() and (not selected or info.name in selected):
            names.append(info.name)
    return sorted(names)


def main(selected=None):
    names = scenario_names(selected)
    if len(names) > 1:
        env = {key: value for key, value in os.environ.items() if key != "UTGIVARE_VAR_DIR"}
        failed = [
            name
            for name in names
            if subprocess.run([sys.executable, "-m", "bench", name], env=env).returncode != 0
        ]
        if failed:
            sys.exit(f"bench: failed: {', '.join(failed)}")
        return
    setup_django()
    for name in names:
        results = importlib.import_module(f"bench.{name}").run()
        # A scenario may report one result, or one per database (bench/search_index.py).
        for result in results if isinstance(results, list) else [results]:
            base_label, base_seconds = result["baseline"]
            print(f"\n== {result['name']}", flush=True)
            print(f"   baseline  {base_label}: {base_seconds * 1000:.2f} ms (1.00x)")
            for label, seconds in result["measurements"]:
                ratio = seconds / base_seconds
                print(f"   {label}: {seconds * 1000:.2f} ms ({ratio:.2f}x baseline)", flush=True)


if __name__ == "__main__":
    main(set(sys.argv[1:]) or None)
