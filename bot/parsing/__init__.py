"""The message parser: what a chat message asks, offers or claims (see ../shared/PARSING.md)."""
from .core import parse
from .result import ParseResult, When

__all__ = ["parse", "ParseResult", "When"]
