"""Campaigns: the record of a marketing campaign, its rules (tier, status), and its transports."""
