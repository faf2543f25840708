"""Portfolio checks: how a campaign sits among the others (launch collisions, audience overlap,
quarter budget totals). Warnings inform; they never block a confirmed yes."""
