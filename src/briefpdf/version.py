"""The version of briefpdf, in a module of its own so that batch (its cache key) and the
command line (--version) need not import the package root."""

__version__ = "0.1.0"
