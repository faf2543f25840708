"""The report's recording tests drive the real sync against the Workfront emulator: its fixtures."""

from tests.sync.conftest import (  # noqa: F401 - fixtures, found by name
    emulator,
    emulator_server,
    http,
    sync_settings,
    workfront,
)
from tests.sync.test_inbound import mcc_server, subscribed  # noqa: F401 - fixtures
