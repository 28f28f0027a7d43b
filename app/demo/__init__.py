"""The demo: a realistic HĐND tỉnh Đắk Lắk with two sessions, made by code."""
