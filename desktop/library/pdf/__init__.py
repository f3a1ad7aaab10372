"""PDF and scanned pages read with their layout: pypdfium2 for the text layer and for
rendering, Tesseract for pages without usable text. Qt-free, like all of `library`.

Pass 1 (`pages.py`) reads one page at a time into compact `PageLines` (words and table
cells placed, columns ordered, drop caps and shape bullets resolved); pass 2
(`blocks.py`) needs the whole document's statistics (body font size, lines repeated on
every page) and turns those lines into Blocks.
"""
