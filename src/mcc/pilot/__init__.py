"""The pilot's figures recorded as they happen: creation timings, sync latency, turn latency,
uptime (issue 13). `mcc.reports.figures` computes the report from these rows."""
