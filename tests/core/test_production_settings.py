"""Operators configure Utgivare with environment variables only."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

UTGIVARE = str(Path(sys.executable).with_name("utgivare"))


def run_utgivare(*args, **env):
    base = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [UTGIVARE, *args],
        env={**base, "DJANGO_SETTINGS_MODULE": "utgivare.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    result = run_utgivare("check", UTGIVARE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_has_no_warnings_under_production_settings(tmp_path):
    result = run_utgivare(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        UTGIVARE_VAR_DIR=str(tmp_path),
        SECRET_KEY="k" * 20 + "a-long-random-production-secret-0123456789",
        ALLOWED_HOSTS="tidning.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("debug", ["1", "true"])
def test_debug_mode_runs_without_a_secret_key(tmp_path, debug):
    result = run_utgivare("check", DEBUG=debug, UTGIVARE_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
