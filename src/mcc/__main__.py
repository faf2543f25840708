"""`python -m mcc` is the `mcc` command."""

from mcc.cli import main

main()
