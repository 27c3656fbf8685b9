"""Casson Dashboard: the domain package (no Streamlit in here)."""

__version__ = "0.1.0"
