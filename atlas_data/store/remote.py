"""The store on S3-compatible object storage (placeholder; filled below)."""
from __future__ import annotations

from pathlib import Path


def is_remote(parquet_dir) -> bool:
    return str(parquet_dir).startswith("s3://")


def local_root(parquet_dir) -> Path:
    return Path(parquet_dir)
