"""Read-only presentation shared by pages and PDFs: server-side SVG charts and maps."""
