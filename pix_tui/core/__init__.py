"""The functional core: pure Python, never imports Textual, TinyDB or the shell."""
