"""The coordinators' desk: a web board served beside the adapters, in the
bot's process (docs/DESK.md). It reads the database and acts only by
handing DeskAction events to the engine. The core (bot/) never imports it;
the runtime starts it."""
