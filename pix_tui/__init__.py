"""pix-tui: an offline terminal trainer for the CRCN digital competences."""

__version__ = "0.1.0"
