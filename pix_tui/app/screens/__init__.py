"""The screens of the app, one module each, with a sibling .tcss file."""
