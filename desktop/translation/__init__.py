"""Offline translation: Argos packages (packages), CTranslate2 batching (engine), the MT cache
and post-edits (store), document jobs (jobs), and the glossary check (glossary)."""
