"""phonghop sync package."""
