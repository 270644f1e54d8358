"""Saved searches: a signed-in user's named searches, an Atom feed of the records that arrive
matching each, and an e-mail digest of what arrived since the last one."""
