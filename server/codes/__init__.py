"""The real Hello Work code tables (data/) and their lookups (tables.py)."""
