"""The ingestion pipeline: find each file's kind, read it with its source's reader, and merge its records
into the store (one provenance per source). The store itself knows no source."""
