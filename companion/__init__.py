"""companion: a Dutch-first AI learning companion for workplace learning."""

__version__ = "0.1.0"
