"""One importer per real source. Each turns a source into domain records plus located problems."""
