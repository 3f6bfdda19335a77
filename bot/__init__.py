"""mutualaid: a chat-bot coordinator for mutual aid groups."""
