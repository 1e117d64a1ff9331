"""Qt glue without drawing: the session state, its signals, and the workers."""
