"""Glose: an offline bilingual (French -> English) reader."""

__version__ = "0.1.0"
