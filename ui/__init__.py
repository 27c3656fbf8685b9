"""Streamlit glue shared by app.py and the pages: connection, sign-in, guards, widgets.

Domain logic lives in casson/ (no Streamlit there); SQL lives in queries/.
"""
