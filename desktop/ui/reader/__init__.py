"""The bilingual reader (view.BilingualReader) and what it needs."""
