"""The written access matrix: for every URL name and method, what each role gets. tests/test_access_matrix.py
asks every URL of the portal as each role and compares; a new URL fails it until it has a row here.

Codes: 200, 400, 403, 404, 405, 410; "302", a redirect that is not to a login page; "login", a redirect to the
log-in page (the Django admin's own, for /admin/ URLs).
"""

ROLES = (
    "anonymous", "staff", "other_staff", "academy_admin", "other_academy_admin", "ics_lead", "other_ics_lead",
    "national_admin",
)

MATRIX = """
# url name                            method  anon   staff  other  admin  oadmin ics    oics   national
# Public pages and accounts (a certificate is public: its random code is the key)
home                                  GET     200    200    200    200    200    200    200    200
home                                  POST    200    200    200    200    200    200    200    200
# The partner API's OpenAPI schema and its documentation page are for anyone; nothing is posted to them
api:schema                            GET     200    200    200    200    200    200    200    200
api:schema                            POST    405    405    405    405    405    405    405    405
api:docs                              GET     200    200    200    200    200    200    200    200
api:docs                              POST    405    405    405    405    405    405    405    405
# The public catalogue API: read-only, no key, the same for everyone
api:programmes                        GET     200    200    200    200    200    200    200    200
api:programmes                        POST    405    405    405    405    405    405    405    405
api:programme                         GET     200    200    200    200    200    200    200    200
api:programme                         POST    405    405    405    405    405    405    405    405
api:academies                         GET     200    200    200    200    200    200    200    200
api:academies                         POST    405    405    405    405    405    405    405    405
api:academy                           GET     200    200    200    200    200    200    200    200
api:academy                           POST    405    405    405    405    405    405    405    405
api:cohorts                           GET     200    200    200    200    200    200    200    200
api:cohorts                           POST    405    405    405    405    405    405    405    405
# The academy API takes a bearer token, never a session: without one, 401 for everyone (tokens: token_matrix.py)
api:academy_applications              GET     401    401    401    401    401    401    401    401
api:academy_applications              POST    401    401    401    401    401    401    401    401
api:academy_application               GET     401    401    401    401    401    401    401    401
api:academy_application               POST    401    401    401    401    401    401    401    401
api:academy_application_decision      GET     401    401    401    401    401    401    401    401
api:academy_application_decision      POST    401    401    401    401    401    401    401    401
api:academy_webhook_deliveries        GET     401    401    401    401    401    401    401    401
api:academy_webhook_deliveries        POST    401    401    401    401    401    401    401    401
api:academy_webhook_delivery_resend   GET     401    401    401    401    401    401    401    401
api:academy_webhook_delivery_resend   POST    401    401    401    401    401    401    401    401
api:academy_session_attendance        GET     401    401    401    401    401    401    401    401
api:academy_session_attendance        POST    401    401    401    401    401    401    401    401
api:academy_cohort_outcomes           GET     401    401    401    401    401    401    401    401
api:academy_cohort_outcomes           POST    401    401    401    401    401    401    401    401
api:academy_cohorts                   GET     401    401    401    401    401    401    401    401
api:academy_cohorts                   POST    401    401    401    401    401    401    401    401
api:academy_cohort                    GET     401    401    401    401    401    401    401    401
api:academy_cohort                    POST    401    401    401    401    401    401    401    401
api:academy_cohort_cancel             GET     401    401    401    401    401    401    401    401
api:academy_cohort_cancel             POST    401    401    401    401    401    401    401    401
api:academy_cohort_sessions           GET     401    401    401    401    401    401    401    401
api:academy_cohort_sessions           POST    401    401    401    401    401    401    401    401
api:academy_sessions_generate         GET     401    401    401    401    401    401    401    401
api:academy_sessions_generate         POST    401    401    401    401    401    401    401    401
api:academy_session                   GET     401    401    401    401    401    401    401    401
api:academy_session                   POST    401    401    401    401    401    401    401    401
about                                 GET     200    200    200    200    200    200    200    200
about                                 POST    200    200    200    200    200    200    200    200
register                              GET     200    302    302    302    302    302    302    302
register                              POST    200    302    302    302    302    302    302    302
login                                 GET     200    302    302    302    302    302    302    302
login                                 POST    200    302    302    302    302    302    302    302
logout                                GET     405    405    405    405    405    405    405    405
logout                                POST    302    302    302    302    302    302    302    302
# Single sign-on is off unless configured, so no provider has pages (tests/portal/test_sso_*.py cover it on)
sso_start                             GET     404    404    404    404    404    404    404    404
sso_start                             POST    404    404    404    404    404    404    404    404
sso_callback                          GET     404    404    404    404    404    404    404    404
sso_callback                          POST    404    404    404    404    404    404    404    404
sso_link                              GET     404    404    404    404    404    404    404    404
sso_link                              POST    404    404    404    404    404    404    404    404
password_reset                        GET     200    200    200    200    200    200    200    200
password_reset                        POST    200    200    200    200    200    200    200    200
password_reset_done                   GET     200    200    200    200    200    200    200    200
password_reset_done                   POST    405    405    405    405    405    405    405    405
password_reset_confirm                GET     200    200    200    200    200    200    200    200
password_reset_confirm                POST    200    200    200    200    200    200    200    200
password_reset_complete               GET     200    200    200    200    200    200    200    200
password_reset_complete               POST    405    405    405    405    405    405    405    405
programmes:list                       GET     200    200    200    200    200    200    200    200
programmes:list                       POST    200    200    200    200    200    200    200    200
programmes:finder                     GET     200    200    200    200    200    200    200    200
programmes:finder                     POST    200    200    200    200    200    200    200    200
programmes:detail                     GET     200    200    200    200    200    200    200    200
programmes:detail                     POST    200    200    200    200    200    200    200    200
programmes:cohorts                    GET     200    200    200    200    200    200    200    200
programmes:cohorts                    POST    200    200    200    200    200    200    200    200
programmes:cohort_calendar            GET     200    200    200    200    200    200    200    200
programmes:cohort_calendar            POST    200    200    200    200    200    200    200    200
academies:list                        GET     200    200    200    200    200    200    200    200
academies:list                        POST    200    200    200    200    200    200    200    200
academies:detail                      GET     200    200    200    200    200    200    200    200
academies:detail                      POST    200    200    200    200    200    200    200    200
academies:cohorts                     GET     200    200    200    200    200    200    200    200
academies:cohorts                     POST    200    200    200    200    200    200    200    200
enrolment:certificate                 GET     200    200    200    200    200    200    200    200
enrolment:certificate                 POST    200    200    200    200    200    200    200    200

# For a load balancer or monitor; 503 here because no beat has run in this world
healthz                               GET     503    503    503    503    503    503    503    503
healthz                               POST    405    405    405    405    405    405    405    405
healthz_ready                         GET     200    200    200    200    200    200    200    200
healthz_ready                         POST    405    405    405    405    405    405    405    405
# For Prometheus, with METRICS_TOKEN (tests/portal/test_metrics.py); off (404) while none is set, as here
metrics                               GET     404    404    404    404    404    404    404    404
metrics                               POST    405    405    405    405    405    405    405    405

# Each person's own profile, data and equality answers
profile                               GET     login  200    200    200    200    200    200    200
profile                               POST    login  200    200    200    200    200    200    200
organisation_pick                     GET     login  200    200    200    200    200    200    200
organisation_pick                     POST    login  200    200    200    200    200    200    200
organisation_unlisted                 GET     login  200    200    200    200    200    200    200
organisation_unlisted                 POST    login  200    200    200    200    200    200    200
# Names people gave for unlisted organisations: national admins map them (no name asked for: nothing to map)
unlisted_organisations                GET     login  403    403    403    403    403    403    200
unlisted_organisations                POST    login  403    403    403    403    403    403    405
unlisted_organisation_map             GET     login  403    403    403    403    403    403    404
unlisted_organisation_map             POST    login  403    403    403    403    403    403    404
personal_data_download                GET     login  200    200    200    200    200    200    200
personal_data_download                POST    login  405    405    405    405    405    405    405
personal_data_erase                   GET     login  200    200    200    200    200    200    200
personal_data_erase                   POST    login  200    200    200    200    200    200    200
reporting:equality_profile            GET     login  200    200    200    200    200    200    200
reporting:equality_profile            POST    login  302    302    302    302    302    302    302
reporting:equality_profile_delete     GET     login  405    405    405    405    405    405    405
reporting:equality_profile_delete     POST    login  302    302    302    302    302    302    302

# Coaching register: "staff" asked the coach for coaching; the pending profile is academy A's to decide
coaching:register                     GET     login  200    200    200    200    200    200    200
coaching:register                     POST    login  405    405    405    405    405    405    405
coaching:suggestions                  GET     login  200    200    200    200    200    200    200
coaching:suggestions                  POST    login  405    405    405    405    405    405    405
coaching:coach_detail                 GET     login  404    404    200    404    404    404    404
coaching:coach_detail                 POST    login  404    404    200    404    404    404    404
coaching:profile_edit                 GET     login  200    200    200    200    200    200    200
coaching:profile_edit                 POST    login  200    200    200    200    200    200    200
coaching:mine                         GET     login  200    200    200    200    200    200    200
coaching:mine                         POST    login  405    405    405    405    405    405    405
coaching:request_detail               GET     login  200    404    404    404    404    404    404
coaching:request_detail               POST    login  405    405    405    405    405    405    405
coaching:request_accept               GET     login  405    405    405    405    405    405    405
coaching:request_accept               POST    login  302    404    404    404    404    404    404
coaching:request_decline              GET     login  405    405    405    405    405    405    405
coaching:request_decline              POST    login  302    404    404    404    404    404    404
coaching:request_withdraw             GET     login  405    405    405    405    405    405    405
coaching:request_withdraw             POST    login  302    404    404    404    404    404    404
coaching:request_close                GET     login  405    405    405    405    405    405    405
coaching:request_close                POST    login  302    404    404    404    404    404    404
coaching:session_log                  GET     login  405    405    405    405    405    405    405
coaching:session_log                  POST    login  200    404    404    404    404    404    404
coaching:academy                      GET     login  403    403    200    200    403    403    403
coaching:academy                      POST    login  403    403    405    405    403    403    403
coaching:profile_decision             GET     login  403    403    405    405    403    403    403
coaching:profile_decision             POST    login  403    403    400    404    403    403    403

# Improvement projects: the showcase and a public project are for anyone; "staff" leads a submitted project (academy
# A's to review, in ICS X) and has a place with none yet; an ICS's lead sees their system's projects
improvement:showcase                  GET     200    200    200    200    200    200    200    200
improvement:showcase                  POST    405    405    405    405    405    405    405    405
improvement:public_project            GET     200    200    200    200    200    200    200    200
improvement:public_project            POST    405    405    405    405    405    405    405    405
improvement:systems                   GET     login  403    403    403    403    200    200    200
improvement:systems                   POST    login  405    405    405    405    405    405    405
improvement:mine                      GET     login  200    200    200    200    200    200    200
improvement:mine                      POST    login  405    405    405    405    405    405    405
improvement:project_create            GET     login  200    404    404    404    404    404    404
improvement:project_create            POST    login  200    404    404    404    404    404    404
improvement:project_detail            GET     login  200    404    404    404    404    404    404
improvement:project_detail            POST    login  405    405    405    405    405    405    405
improvement:project_edit              GET     login  302    404    404    404    404    404    404
improvement:project_edit              POST    login  302    404    404    404    404    404    404
improvement:consent                   GET     login  405    405    405    405    405    405    405
improvement:consent                   POST    login  302    404    404    404    404    404    404
improvement:project_submit            GET     login  405    405    405    405    405    405    405
improvement:project_submit            POST    login  302    404    404    404    404    404    404
improvement:project_withdraw          GET     login  405    405    405    405    405    405    405
improvement:project_withdraw          POST    login  302    404    404    404    404    404    404
improvement:review_list               GET     login  403    403    200    200    403    403    403
improvement:review_list               POST    login  403    403    405    405    403    403    403
improvement:review                    GET     login  403    403    200    404    403    403    403
improvement:review                    POST    login  403    403    400    404    403    403    403
# Follow-up after a programme: the e-mailed link is the key, whoever holds it (an empty answer is a form error);
# the answers in the account are "staff"'s own
progression:answer                    GET     200    200    200    200    200    200    200    200
progression:answer                    POST    200    200    200    200    200    200    200    200
progression:confirm                   GET     405    405    405    405    405    405    405    405
progression:confirm                   POST    200    200    200    200    200    200    200    200
progression:answered                  GET     200    200    200    200    200    200    200    200
progression:answered                  POST    405    405    405    405    405    405    405    405
progression:mine                      GET     login  200    200    200    200    200    200    200
progression:mine                      POST    login  405    405    405    405    405    405    405
progression:change                    GET     login  200    404    404    404    404    404    404
progression:change                    POST    login  200    404    404    404    404    404    404

# Self-assessment: anyone signed in takes their own; "staff" has taken one; academy admins see only their cohorts'
# suppressed aggregate
selfassessment:mine                   GET     login  200    200    200    200    200    200    200
selfassessment:mine                   POST    login  405    405    405    405    405    405    405
selfassessment:take                   GET     login  200    200    200    200    200    200    200
selfassessment:take                   POST    login  200    200    200    200    200    200    200
selfassessment:detail                 GET     login  200    404    404    404    404    404    404
selfassessment:detail                 POST    login  405    405    405    405    405    405    405
selfassessment:academy                GET     login  403    403    200    200    403    403    403
selfassessment:academy                POST    login  403    403    405    405    403    403    403
# Feedback on an ended cohort: its participants answer it (staff took part); its academy reads the results
evaluation:answer                     GET     login  200    404    404    404    404    404    404
evaluation:answer                     POST    login  200    404    404    404    404    404    404
evaluation:academy_feedback           GET     login  403    403    200    200    403    403    403
evaluation:academy_feedback           POST    login  403    403    405    405    403    403    403
evaluation:cohort_feedback            GET     login  403    403    200    404    403    403    403
evaluation:cohort_feedback            POST    login  403    403    405    405    403    403    403

# Applying and learning: "staff" owns the application and the enrolment
enrolment:start                       GET     login  302    302    302    302    302    302    302
enrolment:start                       POST    login  405    405    405    405    405    405    405
enrolment:apply                       GET     login  302    200    200    200    200    200    200
enrolment:apply                       POST    login  302    302    302    302    302    302    302
enrolment:enrol                       GET     login  405    405    405    405    405    405    405
enrolment:enrol                       POST    login  302    302    302    302    302    302    302
enrolment:applications                GET     login  200    200    200    200    200    200    200
enrolment:applications                POST    login  200    200    200    200    200    200    200
enrolment:application_detail          GET     login  200    404    404    404    404    404    404
enrolment:application_detail          POST    login  200    404    404    404    404    404    404
enrolment:application_budget_holder   GET     login  302    404    404    404    404    404    404
enrolment:application_budget_holder   POST    login  302    404    404    404    404    404    404
enrolment:application_bursary         GET     login  302    404    404    404    404    404    404
enrolment:application_bursary         POST    login  302    404    404    404    404    404    404
enrolment:application_page            GET     login  200    404    404    404    404    404    404
enrolment:application_page            POST    login  200    404    404    404    404    404    404
enrolment:application_check           GET     login  200    404    404    404    404    404    404
enrolment:application_check           POST    login  200    404    404    404    404    404    404
enrolment:application_confirmation    GET     login  302    404    404    404    404    404    404
enrolment:application_confirmation    POST    login  302    404    404    404    404    404    404
enrolment:application_withdraw        GET     login  200    404    404    404    404    404    404
enrolment:application_withdraw        POST    login  200    404    404    404    404    404    404
enrolment:offer_accept                GET     login  405    405    405    405    405    405    405
enrolment:offer_accept                POST    login  302    404    404    404    404    404    404
enrolment:offer_decline               GET     login  200    404    404    404    404    404    404
enrolment:offer_decline               POST    login  200    404    404    404    404    404    404
# "Tell me when applications open": anyone may ask (signed in, it is registered at once); the e-mailed links are
# the key, whoever holds them; a person's list and withdrawal are their own
enrolment:interest_register           GET     200    200    200    200    200    200    200    200
enrolment:interest_register           POST    200    302    302    302    302    302    302    302
enrolment:interest_confirm            GET     200    200    200    200    200    200    200    200
enrolment:interest_confirm            POST    200    200    200    200    200    200    200    200
enrolment:interest_unsubscribe        GET     200    200    200    200    200    200    200    200
enrolment:interest_unsubscribe        POST    200    200    200    200    200    200    200    200
enrolment:interests                   GET     login  200    200    200    200    200    200    200
enrolment:interests                   POST    login  200    200    200    200    200    200    200
enrolment:interest_withdraw           GET     login  405    405    405    405    405    405    405
enrolment:interest_withdraw           POST    login  302    404    404    404    404    404    404
enrolment:learning                    GET     login  200    200    200    200    200    200    200
enrolment:learning                    POST    login  200    200    200    200    200    200    200
enrolment:enrolment_complete          GET     login  200    404    404    404    404    404    404
enrolment:enrolment_complete          POST    login  200    404    404    404    404    404    404
enrolment:calendar_reset              GET     login  405    405    405    405    405    405    405
enrolment:calendar_reset              POST    login  302    302    302    302    302    302    302

# "staff"'s calendar subscription: the secret token is the key, whoever holds it
enrolment:calendar_feed               GET     200    200    200    200    200    200    200    200
enrolment:calendar_feed               POST    405    405    405    405    405    405    405    405

# The line manager's signed link: the token is the key, whoever holds it
enrolment:manager_support             GET     200    200    200    200    200    200    200    200
enrolment:manager_support             POST    200    200    200    200    200    200    200    200
enrolment:budget_holder                GET     200    200    200    200    200    200    200    200
enrolment:budget_holder                POST    200    200    200    200    200    200    200    200

# Nominations: a nominator's own page; only the allocation's nominator (the lead of ICS X) may nominate for it;
# only the person nominated ("staff", by e-mail) may take the nomination up
enrolment:nominations                 GET     login  200    200    200    200    200    200    200
enrolment:nominations                 POST    login  200    200    200    200    200    200    200
enrolment:nominate                    GET     login  405    405    405    405    405    405    405
enrolment:nominate                    POST    login  404    404    404    404    200    404    404
enrolment:nomination                  GET     login  200    404    404    404    404    404    404
enrolment:nomination                  POST    login  302    404    404    404    404    404    404

# Roles: national admins grant and revoke; an academy's admins invite; the invitation's signed link is the key,
# whoever holds it, but only the person it was sent to can accept it
roles:home                            GET     login  403    403    403    403    403    403    200
roles:home                            POST    login  403    403    403    403    403    403    405
roles:grant                           GET     login  403    403    403    403    403    403    200
roles:grant                           POST    login  403    403    403    403    403    403    200
roles:revoke                          GET     login  403    403    403    403    403    403    200
roles:revoke                          POST    login  403    403    403    403    403    403    302
roles:invite                          GET     login  403    403    200    200    403    403    403
roles:invite                          POST    login  403    403    200    200    403    403    403
roles:invitation                      GET     200    200    200    200    200    200    200    200
roles:invitation                      POST    login  410    410    410    410    410    410    410
# Academy A's API tokens: its admins list, create and revoke them; another academy's admin finds the token nowhere
roles:api_tokens                      GET     login  403    403    200    200    403    403    403
roles:api_tokens                      POST    login  403    403    405    405    403    403    403
roles:api_token_create                GET     login  403    403    200    200    403    403    403
roles:api_token_create                POST    login  403    403    200    200    403    403    403
roles:api_token_revoke                GET     login  403    403    200    404    403    403    403
roles:api_token_revoke                POST    login  403    403    302    404    403    403    403

# Academy A's workspace: its admin only; another academy's admin finds nothing (404)
enrolment:academy_applications        GET     login  403    403    200    200    403    403    403
enrolment:academy_applications        POST    login  403    403    200    200    403    403    403
enrolment:academy_application         GET     login  403    403    200    404    403    403    403
enrolment:academy_application         POST    login  403    403    200    404    403    403    403
enrolment:academy_application_bursary GET     login  403    403    405    405    403    403    403
enrolment:academy_application_bursary POST    login  403    403    302    404    403    403    403
enrolment:workspace                   GET     login  403    403    200    200    403    403    403
enrolment:workspace                   POST    login  403    403    200    200    403    403    403
enrolment:workspace_cohort_create     GET     login  403    403    200    200    403    403    403
enrolment:workspace_cohort_create     POST    login  403    403    200    200    403    403    403
enrolment:workspace_cohort            GET     login  403    403    200    404    403    403    403
enrolment:workspace_cohort            POST    login  403    403    200    404    403    403    403
enrolment:workspace_cohort_edit       GET     login  403    403    200    404    403    403    403
enrolment:workspace_cohort_edit       POST    login  403    403    200    404    403    403    403
enrolment:workspace_cohort_cancel     GET     login  403    403    405    405    403    403    403
enrolment:workspace_cohort_cancel     POST    login  403    403    302    404    403    403    403
enrolment:workspace_sessions_generate GET     login  403    403    200    404    403    403    403
enrolment:workspace_sessions_generate POST    login  403    403    200    404    403    403    403
enrolment:workspace_session_create    GET     login  403    403    200    404    403    403    403
enrolment:workspace_session_create    POST    login  403    403    200    404    403    403    403
enrolment:workspace_allocations       GET     login  403    403    200    404    403    403    403
enrolment:workspace_allocations       POST    login  403    403    200    404    403    403    403
enrolment:workspace_ring_fence        GET     login  403    403    405    405    403    403    403
enrolment:workspace_ring_fence        POST    login  403    403    200    404    403    403    403
enrolment:workspace_release_date      GET     login  403    403    405    405    403    403    403
enrolment:workspace_release_date      POST    login  403    403    200    404    403    403    403
enrolment:workspace_outcomes          GET     login  403    403    200    404    403    403    403
enrolment:workspace_outcomes          POST    login  403    403    200    404    403    403    403
enrolment:workspace_export            GET     login  403    403    200    404    403    403    403
enrolment:workspace_export            POST    login  403    403    200    404    403    403    403
enrolment:workspace_session_edit      GET     login  403    403    200    404    403    403    403
enrolment:workspace_session_edit      POST    login  403    403    200    404    403    403    403
enrolment:workspace_webhooks          GET     login  403    403    200    200    403    403    403
enrolment:workspace_webhooks          POST    login  403    403    405    405    403    403    403
enrolment:workspace_webhook_create    GET     login  403    403    200    200    403    403    403
enrolment:workspace_webhook_create    POST    login  403    403    200    200    403    403    403
enrolment:workspace_webhook           GET     login  403    403    200    404    403    403    403
enrolment:workspace_webhook           POST    login  403    403    200    404    403    403    403
enrolment:workspace_webhook_delete    GET     login  403    403    405    405    403    403    403
enrolment:workspace_webhook_delete    POST    login  403    403    302    404    403    403    403
enrolment:workspace_webhook_resend    GET     login  403    403    405    405    403    403    403
enrolment:workspace_webhook_resend    POST    login  403    403    302    404    403    403    403
enrolment:workspace_session_delete    GET     login  403    403    405    405    403    403    403
enrolment:workspace_session_delete    POST    login  403    403    302    404    403    403    403
enrolment:workspace_attendance        GET     login  403    403    200    404    403    403    403
enrolment:workspace_attendance        POST    login  403    403    200    404    403    403    403

# Reports: ICS X's lead and national admins; another ICS's lead finds nothing (404)
reporting:systems                     GET     login  403    403    403    403    302    302    200
reporting:systems                     POST    login  405    405    405    405    405    405    405
reporting:ics_dashboard               GET     login  404    404    404    404    200    404    200
reporting:ics_dashboard               POST    login  405    405    405    405    405    405    405
reporting:ics_export                  GET     login  404    404    404    404    200    404    200
reporting:ics_export                  POST    login  405    405    405    405    405    405    405
reporting:national                    GET     login  403    403    403    403    403    403    200
reporting:national                    POST    login  405    405    405    405    405    405    405
reporting:national_export             GET     login  403    403    403    403    403    403    200
reporting:national_export             POST    login  405    405    405    405    405    405    405
# The progression funnel: as the dashboards (a lead their own system's, a national admin every one and England's)
reporting:ics_funnel                  GET     login  404    404    404    404    200    404    200
reporting:ics_funnel                  POST    login  405    405    405    405    405    405    405
reporting:ics_funnel_export           GET     login  404    404    404    404    200    404    200
reporting:ics_funnel_export           POST    login  405    405    405    405    405    405    405
reporting:national_funnel             GET     login  403    403    403    403    403    403    200
reporting:national_funnel             POST    login  405    405    405    405    405    405    405
reporting:national_funnel_export      GET     login  403    403    403    403    403    403    200
reporting:national_funnel_export      POST    login  405    405    405    405    405    405    405
"""

# The Django admin: national admins only. Everyone else is sent to the admin's log-in page, whatever the URL.
# model:<view> rows hold for every registered model; ADMIN_EXCEPTIONS says where a model's admin refuses a view.
ADMIN_MATRIX = """
# url name                            method  anon   staff  other  admin  oadmin ics    oics   national
admin:index                           GET     login  login  login  login  login  login  login  200
admin:login                           GET     200    200    200    200    200    200    200    302
admin:logout                          GET     302    302    302    302    302    302    302    405
admin:password_change                 GET     login  login  login  login  login  login  login  200
admin:password_change_done            GET     login  login  login  login  login  login  login  200
admin:autocomplete                    GET     login  login  login  login  login  login  login  403
admin:jsi18n                          GET     login  login  login  login  login  login  login  200
admin:view_on_site                    GET     login  login  login  login  login  login  login  302
admin:auth_user_password_change       GET     login  login  login  login  login  login  login  200
admin:app_list                        GET     login  login  login  login  login  login  login  200
admin:catch_all                       GET     login  login  login  login  login  login  login  404
admin:model:changelist                GET     login  login  login  login  login  login  login  200
admin:model:add                       GET     login  login  login  login  login  login  login  200
admin:model:change                    GET     login  login  login  login  login  login  login  200
admin:model:history                   GET     login  login  login  login  login  login  login  200
admin:model:delete                    GET     login  login  login  login  login  login  login  200
admin:model:object_redirect           GET     login  login  login  login  login  login  login  302
"""
ADMIN_EXCEPTIONS = {
    # Only the services add coach profiles and requests; a cohort is cancelled, never deleted.
    "coaching.coachingrequest:add": "403",
    "coaching.coachprofile:add": "403",
    "improvement.improvementproject:add": "403",  # only a participant starts a project, through the service
    "selfassessment.selfassessment:add": "403",  # a person's own answers, only through the service
    "evaluation.feedbackresponse:add": "403",  # only a participant answers, through the service
    "evaluation.feedbackresponse:delete": "403",  # a published cohort's figures must not move (evaluation.selectors)
    "enrolment.cohort:delete": "403",
    "enrolment.placeallocation:delete": "403",
    "axes.accessattempt:add": "403",
    "axes.accessfailurelog:add": "403",
    "axes.accesslog:add": "403",
    "portal.auditentry:add": "403",
    "portal.auditentry:delete": "403",
    "portal.externalidentity:add": "403",  # a sign-in makes the link; support only reads and deletes it
    "reporting.reportsrefresh:add": "403",
    "reporting.reportsrefresh:delete": "403",
}


def parse(table: str, columns: tuple[str, ...] = ROLES) -> dict[tuple[str, str], tuple[str, ...]]:
    rows = {}
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, method, *codes = line.split()
        assert len(codes) == len(columns), f"{name} {method}: {len(codes)} codes for {len(columns)} columns"
        assert (name, method) not in rows, f"{name} {method}: two rows"
        rows[name, method] = tuple(codes)
    return rows
