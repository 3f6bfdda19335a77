"""Telegram, through python-telegram-bot used as a transport only."""
from .adapter import TelegramAdapter
from .config import TelegramConfig, WebhookConfig, parse_telegram_config

__all__ = ["TelegramAdapter", "TelegramConfig", "WebhookConfig", "parse_telegram_config"]
