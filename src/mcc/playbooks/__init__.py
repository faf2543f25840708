"""The playbooks are the rules: the tier policy and each campaign type's task checklist, read
from versioned knowledge documents, checked on upload, and re-checked against open campaigns
when they change (`rules`, `validation`, `recheck`)."""
