"""Equally authentic texts: a spec's printed texts in its other languages.

The spec is written in its first language (`document.languages[0]`). Each other
language has a translation file beside the spec, `<stem>/translations/<lang>.yaml`,
that gives, for every text a document prints, keyed by where the text is in the spec
(`roadmap[R-2.1].description`), the source it translates and its translation.
`docgen.translation.check` reads and checks those files, `apply` makes the spec in
another language, `exchange` writes and reads the PO files translators work in.
"""
