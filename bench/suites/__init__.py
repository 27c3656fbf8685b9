"""One module per area; each has run(ctx) -> list[Result]. Discovered by bench/__main__.py."""
