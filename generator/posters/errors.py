"""Problems that stop every poster: no usable font, or a broken layout file."""


class PosterError(Exception):
    """Raised before any poster is drawn; the message is Chinese and names the file."""
