"""Which work-management system `mcc demo` syncs with, started on the next port when local.

``MCC_WORKMGMT_BACKEND=asana mcc demo`` runs on the Asana emulator (unless ``MCC_ASANA_WORKSPACE``
points at an Asana already configured); any other value keeps the historical default, the
Workfront emulator (unless ``MCC_WORKFRONT_URL`` is set). The emulator is a child process with
its store in ``MCC_DATA_DIR``, and the settings get its URL and credentials: for Asana the token,
workspace and team gids read from its ``/__emulator__/info``, so nothing is configured by hand.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import httpx
from pydantic import SecretStr

from mcc.config import AsanaAuthMethod, Settings, WorkManagementBackend
from mcc.exceptions import ServiceUnavailableError
from mcc.sandbox.launch import start_asana_emulator, start_workfront_emulator


@dataclass(frozen=True)
class DemoBackend:
    """The emulator started (or None), the settings pointing at it, the banner's line."""

    process: subprocess.Popen[bytes] | None
    settings: Settings
    where: str


def demo_backend(settings: Settings) -> DemoBackend:
    """Start the emulator the settings ask for (or none) and point the settings at it."""
    public_url = settings.public_url or f"http://{settings.host}:{settings.port}"
    settings = settings.model_copy(update={"public_url": public_url})
    if settings.workmgmt_backend is WorkManagementBackend.ASANA:
        return _asana(settings)
    return _workfront(settings)


def _workfront(settings: Settings) -> DemoBackend:
    from mcc.sandbox.workfront import DEFAULT_API_KEY

    backend = WorkManagementBackend.WORKFRONT
    if settings.workfront_url:
        configured = settings.model_copy(update={"workmgmt_backend": backend})
        return DemoBackend(None, configured, f"Workfront: {settings.workfront_url}")
    port = settings.port + 1
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    process = start_workfront_emulator(
        settings.host, port, settings.data_dir / "workfront-emulator.db"
    )
    url = f"http://{settings.host}:{port}"
    overrides = {"workmgmt_backend": backend, "workfront_url": url,
                 "workfront_api_key": SecretStr(DEFAULT_API_KEY)}  # fmt: skip
    where = f"Workfront: {url} (local emulator: change a project status there)"
    return DemoBackend(process, settings.model_copy(update=overrides), where)


def _asana(settings: Settings) -> DemoBackend:
    if settings.asana_workspace:
        return DemoBackend(None, settings, f"Asana: {settings.asana_url}")
    port = settings.port + 1
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    process = start_asana_emulator(settings.host, port, settings.data_dir / "asana-emulator.db")
    url = f"http://{settings.host}:{port}"
    try:
        info = httpx.get(f"{url}/__emulator__/info", timeout=10).json()
    except (httpx.HTTPError, ValueError) as error:
        process.terminate()
        raise ServiceUnavailableError(
            f"The Asana emulator did not describe itself: {error}"
        ) from None
    overrides = {
        "asana_url": str(info["api"]), "asana_auth": AsanaAuthMethod.PAT,
        "asana_token": SecretStr(str(info["token"])), "asana_workspace": str(info["workspace"]),
        "asana_team": str(info["team"]),
    }  # fmt: skip
    where = f"Asana: {info['api']} (local emulator: mark a project complete at {url}/)"
    return DemoBackend(process, settings.model_copy(update=overrides), where)
