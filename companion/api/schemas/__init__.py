"""The API's request and response types (pydantic), one module per area."""
