"""Papers and digests in other formats; no Sphinx, no docutils."""
