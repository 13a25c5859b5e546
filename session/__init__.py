"""What the client keeps while someone uses it, below the screens and without Textual: the
signed-in user's state, the places screens can ask to open, the sign-in steps and the local
drafts. Screens and tui import it; it imports only api_client and strings."""
