"""A :class:`~sphinx_arxivdigest.model.Digest` or its papers in another form: card HTML (Sphinx and
Jupyter), BibTeX, JSON, MyST and rST pages. No Sphinx and no docutils here, so the command line and
notebooks use the same renderings as the build."""
