"""Every write that is a rule of applying and enrolling, one module per rule, each function one transaction.

Whatever changes who holds a cohort's places locks the cohort row first (locking.cohort_lock), so the count
of accepted places plus outstanding offers is read and changed under the same lock and never exceeds capacity.
"""
