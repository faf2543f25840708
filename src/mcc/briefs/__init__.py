"""Briefs in, drafts out: a campaign brief (DOCX, PDF, email text) fills the assistant's draft."""
