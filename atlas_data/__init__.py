"""ATLAS M&E data: read the M&E teams' Excel and CSV exports as they are, store them as Parquet, query with DuckDB.

    report = atlas_data.ingest(raw_dir, parquet_dir)   # every file under raw_dir -> Parquet
    con = atlas_data.connect(parquet_dir)              # DuckDB connection, one view per table
"""
from atlas_data.store.ingest import IngestError, IngestReport, ingest
from atlas_data.store.versions import store_version
from atlas_data.store.views import connect

__all__ = ["ingest", "connect", "store_version", "IngestError", "IngestReport"]
