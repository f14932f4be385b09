"""The built-in ATLAS dataset, one module per country: `scripts/make_builtin_data.py` writes it."""
