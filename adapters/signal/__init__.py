"""Signal through signal-cli-rest-api (json-rpc mode), with signalbot's
``SignalAPI`` as the HTTP and websocket client."""
from adapters.signal.adapter import SignalAdapter

__all__ = ["SignalAdapter"]
