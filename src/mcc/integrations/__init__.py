"""Work-management systems (Workfront, Asana) behind one typed contract: `workmgmt.py`.

Each system is a folder; `backends.py` picks one by `MCC_WORKMGMT_BACKEND`.
"""
