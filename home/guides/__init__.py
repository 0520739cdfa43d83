"""Discussion guides (key action 7): a printable page type that helps staff and partner
organisations talk about polarisation, isolation and radicalisation in everyday work."""
