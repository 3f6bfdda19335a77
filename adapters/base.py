"""The adapter contract, kept by the core in bot/platform.py: named here too
so adapters written against ``adapters.base`` keep working."""
from bot.platform import Adapter, CannotReachPerson, Pace, PermanentFailure, RetryLater, Submit

__all__ = ["Adapter", "CannotReachPerson", "Pace", "PermanentFailure", "RetryLater", "Submit"]
