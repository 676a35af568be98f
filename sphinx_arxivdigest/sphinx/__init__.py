"""The Sphinx side: the only part of the package that imports Sphinx or docutils.

:mod:`.extension` registers everything; :mod:`.config` validates the ``arxivdigest_*`` values once;
:mod:`.store` owns "digest path -> Digest"; directives, the ``arxiv`` domain, the card node and its
writers, transforms and the site exports sit in one module each.
"""
