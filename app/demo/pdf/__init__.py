"""The demo's PDF generator: realistic Vietnamese administrative documents (tờ trình, báo cáo,
dự thảo nghị quyết) drawn with PyMuPDF for the demo session, the tests and the benchmarks.
Not part of what a tablet runs: the product's PDF layer is `documents/`."""
