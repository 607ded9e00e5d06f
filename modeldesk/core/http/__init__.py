"""The only package that imports requests."""
