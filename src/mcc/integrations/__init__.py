"""Work-management systems (Workfront, Asana) behind one typed contract: `workmgmt.py`."""
