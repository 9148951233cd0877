"""The Streamlit web UI: a pure client of the companion API."""
