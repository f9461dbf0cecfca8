"""Reusable widgets: they render what the core computed and hold no rule."""
