"""Command groups of the `havoc` CLI; each module exposes `register(app)`."""
