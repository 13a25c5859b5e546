"""The ja/en string catalogue and `t()`: the bottom layer of the client.

Screens, widgets and tui import it; it imports nothing of the project (DESIGN §1)."""
