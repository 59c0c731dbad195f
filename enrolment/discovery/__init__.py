"""The public pages where staff find a programme and its cohorts: the catalogue, the finder, a programme's page and
its cohorts' calendar files, and an academy's page with its cohorts. They compose the catalogue (programmes,
academies) with cohorts, so they sit in enrolment, above both; config/urls.py mounts them under their old
addresses and namespaces (programmes:, academies:)."""
