"""Approvals that follow the tier: hold a campaign's Workfront writes until its approver agrees."""
