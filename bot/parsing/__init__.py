"""The message parser: what a chat message asks, offers or claims (see docs/PARSING.md)."""
from .core import parse, reads_as_help
from .result import ParseResult, When

__all__ = ["parse", "reads_as_help", "ParseResult", "When"]
