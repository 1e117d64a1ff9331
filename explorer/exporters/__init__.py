"""File writers behind `explorer.export`: atomic writes and the image formats pyqtgraph gets wrong."""
