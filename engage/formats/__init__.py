"""Display formats that differ from Django's for a language (FORMAT_MODULE_PATH).

Only what is set here changes; everything else (input formats, number separators)
comes from Django's own locale files.
"""
