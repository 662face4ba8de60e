"""Run every scenario in bench/ and print each measurement as a ratio to its baseline."""

import importlib
import pkgutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.environment import setup_django  # noqa: E402


def main(selected=None):
    setup_django()
    package = Path(__file__).resolve().parent
    names = [
        info.name
        for info in pkgutil.iter_modules([str(package)])
        if info.name not in {"environment", "__main__"}
    ]
    for name in sorted(names):
        if selected and name not in selected:
            continue
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        results = module.run()
        # A scenario may report one result, or one per database (bench/search_index.py).
        for result in results if isinstance(results, list) else [results]:
            base_label, base_seconds = result["baseline"]
            print(f"\n== {result['name']}")
            print(f"   baseline  {base_label}: {base_seconds * 1000:.2f} ms (1.00x)")
            for label, seconds in result["measurements"]:
                ratio = seconds / base_seconds
                print(f"   {label}: {seconds * 1000:.2f} ms ({ratio:.2f}x baseline)")


if __name__ == "__main__":
    main(set(sys.argv[1:]) or None)
