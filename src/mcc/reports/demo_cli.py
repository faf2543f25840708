"""`mcc demo --pilot`'s loading step: the sample pilot, with its progress on the terminal."""

from __future__ import annotations

import typer

from mcc.cli_support import console, errors, prepare_database, run
from mcc.config import Settings
from mcc.terminal import safe


def load_demo_pilot(settings: Settings) -> Settings:
    """`mcc demo --pilot`: load the sample pilot into its own directory (once), showing
    progress, and return the settings that serve it."""
    from mcc.reports import demo_pilot

    pilot = demo_pilot.pilot_settings(settings)
    if demo_pilot.is_loaded(pilot):
        console.print(f"The sample pilot is already loaded in {pilot.data_dir.resolve()}.")
        return pilot
    if (pilot.data_dir / "mcc.db").exists():
        errors.print(
            f"[red]error:[/red] a previous `mcc demo --pilot` stopped before it finished: delete "
            f"{safe(str(pilot.data_dir.resolve()))} and run it again",
            highlight=False,
        )
        raise typer.Exit(1)
    run(lambda: prepare_database(pilot, always_upgrade=True))
    console.print(
        f"Loading a [bold]SAMPLE[/bold] pilot into {safe(str(pilot.data_dir.resolve()))} "
        "(its own database: your data is not touched).",
        highlight=False,
    )

    def progress(line: str) -> None:
        console.print(f"  {line}", highlight=False)

    with console.status("Driving the assistant and the Workfront sync...", spinner="dots"):
        tally = run(lambda: demo_pilot.load_pilot(pilot, progress))
    console.print(f"Sample pilot loaded: {tally}.", highlight=False)
    return pilot
