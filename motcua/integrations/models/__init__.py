"""Models of the national-systems integrations, one module per system."""
