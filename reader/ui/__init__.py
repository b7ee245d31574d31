"""The interface: the Textual app. It asks knowledge and linking; they never import it."""
