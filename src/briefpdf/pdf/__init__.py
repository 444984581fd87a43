"""Writing: the document template run to bytes, metadata, tags, and the atomic save."""
