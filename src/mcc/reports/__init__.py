"""The pilot report: the plan's success criteria and feedback analysis, computed from real data."""
