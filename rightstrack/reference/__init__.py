"""Reference data written by the project: states, regional groups, sessions, taxonomies."""
