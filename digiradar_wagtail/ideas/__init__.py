"""Citizen ideas for a radar: proposed, moderated, supported, answered, turned into measures."""
