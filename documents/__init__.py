"""phonghop documents package."""
