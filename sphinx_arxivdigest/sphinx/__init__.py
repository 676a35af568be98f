"""The only part of the package that imports Sphinx or docutils (see DESIGN.md: target layout)."""
