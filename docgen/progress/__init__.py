"""Follow-through after signing: progress files per reporting period, checked against their spec.

A progress file (`specs/<stem>/progress/<as_of>.yaml`) records what was done; the signed
spec is never edited. `check` validates one (DG7xx); `status` says what is overdue.
"""
