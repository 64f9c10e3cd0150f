"""Authorization matrix: every URL of the project, requested as every role, against an expected table.

How a new page joins: add ONE row to MATRIX below (and, if its URL takes arguments, one line to
BUILDERS in tests/routes.py). A URL the resolver knows but the table does not fails
`test_every_url_has_a_row`, so the table cannot go stale.

Each row: url name (optionally followed by " POST" to request with an empty POST instead of GET), then
the expected answer for each column, requested with the OWN organisation's objects:

    anon      not logged in
    coord     samordnare of the own committee
    secr      nämndsekreterare of the own committee
    staff     medarbetare of a unit below the own committee
    central   central samordnare of the municipality above
    other     samordnare of a sibling committee (another organisation)
    super     superuser

Answers: OK (200), LOGIN (302 to the login page), REDIR (302 elsewhere), BAD (400, a refused form),
DENIED (403), MISSING (404), METHOD (405, method not allowed).

Independently of the table, for every route with arguments, the same request with a FOREIGN
municipality's objects must be refused (302 to login, 403, 404 or 405) for every role but superuser,
and no page may show an activity text of an organisation the user may not read.
"""

import io
import zipfile

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse

from documents.models import CaseMemo
from followup.models import FollowUpRound
from meetings.models import Meeting
from plans.models import ActionPlan, Activity, PlanRevision, Routine
from situation.models import SituationPicture
from tests.routes import (
    BUILDERS,
    DRAFT_MARK,
    FOREIGN_CANARY,
    OWN_CANARY,
    SITUATION_MARK,
    World,
    all_routes,
    url_for,
)

OK, BAD, DENIED, MISSING, METHOD, BUSY = 200, 400, 403, 404, 405, 409  # BUSY: a draft with chapters
LOGIN, REDIR = "302 to login", "302 elsewhere"

ROLES = ("anonymous", "coordinator", "secretary", "staff", "central", "other_coordinator", "superuser")

# fmt: off
MATRIX = {
    # project                                   anon     coord    secr     staff    central  other    super
    "healthz":                                 (OK,      OK,      OK,      OK,      OK,      OK,      OK),
    "healthz POST":                            (METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "favicon":                                 (REDIR,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR),
    "favicon POST":                            (METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "home":                                    (LOGIN,   OK,      OK,      OK,      OK,      OK,      OK),
    "login":                                   (OK,      REDIR,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR),
    "logout":                                  (METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "logout POST":                             (LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN,   LOGIN),
    # deadlines                                 anon     coord    secr     staff    central  other    super
    "deadlines:feed":                          (OK,      OK,      OK,      OK,      OK,      OK,      OK),
    "deadlines:renew_token":                   (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "deadlines:renew_token POST":              (LOGIN,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR),
    "deadlines:set_reminders":                 (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "deadlines:set_reminders POST":            (LOGIN,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR,   REDIR),
    "deadlines:settings":                      (LOGIN,   OK,      OK,      OK,      OK,      OK,      OK),
    # followup                                  anon     coord    secr     staff    central  other    super
    "followup:activity_history":               (LOGIN,   OK,      OK,      OK,      OK,      MISSING, OK),
    "followup:entry_report":                   (LOGIN,   OK,      DENIED,  OK,      DENIED,  MISSING, OK),
    "followup:entry_report POST":              (LOGIN,   BAD,     DENIED,  BAD,     DENIED,  MISSING, BAD),
    "followup:entry_report@frozen":            (LOGIN,   REDIR,   DENIED,  REDIR,   DENIED,  MISSING, REDIR),
    "followup:entry_report@frozen POST":       (LOGIN,   REDIR,   DENIED,  REDIR,   DENIED,  MISSING, REDIR),
    "followup:my_entries":                     (LOGIN,   OK,      DENIED,  OK,      DENIED,  OK,      OK),
    "followup:overview":                       (LOGIN,   OK,      OK,      DENIED,  OK,      OK,      OK),
    "followup:round_close":                    (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "followup:round_close POST":               (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_close@frozen":             (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_close@frozen POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_comment":                  (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "followup:round_comment POST":             (LOGIN,   BAD,     DENIED,  DENIED,  DENIED,  MISSING, BAD),
    "followup:round_comment@frozen":           (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_comment@frozen POST":      (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_case_docx":                (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_case_docx@frozen":         (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_case_edit":                (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "followup:round_case_edit POST":           (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "followup:round_case_edit@frozen":         (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_case_edit@frozen POST":    (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_case_pdf":                 (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_case_pdf@frozen":          (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_detail":                   (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_export":                   (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_list":                     (LOGIN,   OK,      OK,      REDIR,   OK,      OK,      OK),
    "followup:round_open":                     (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  OK,      OK),
    "followup:round_open POST":                (LOGIN,   BAD,     DENIED,  DENIED,  DENIED,  BAD,     BAD),
    "followup:round_place":                    (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "followup:round_place POST":               (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_place@frozen":             (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "followup:round_place@frozen POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "followup:round_report":                   (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_docx":                     (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_docx@frozen":              (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_pdf":                      (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "followup:round_pdf@frozen":               (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    # meetings                                  anon     coord    secr     staff    central  other    super
    "meetings:meeting_create":                 (LOGIN,   OK,      OK,      DENIED,  DENIED,  OK,      OK),
    "meetings:meeting_create POST":            (LOGIN,   BAD,     BAD,     DENIED,  DENIED,  BAD,     BAD),
    "meetings:meeting_edit":                   (LOGIN,   OK,      OK,      DENIED,  DENIED,  MISSING, OK),
    "meetings:meeting_edit POST":              (LOGIN,   BAD,     BAD,     DENIED,  DENIED,  MISSING, BAD),
    "meetings:meeting_import":                 (LOGIN,   OK,      OK,      DENIED,  DENIED,  OK,      OK),
    "meetings:meeting_import POST":            (LOGIN,   BAD,     BAD,     DENIED,  DENIED,  BAD,     BAD),
    "meetings:meeting_list":                   (LOGIN,   OK,      OK,      OK,      OK,      OK,      OK),
    "meetings:rule_edit":                      (LOGIN,   OK,      OK,      DENIED,  DENIED,  MISSING, OK),
    "meetings:rule_edit POST":                 (LOGIN,   BAD,     BAD,     DENIED,  DENIED,  MISSING, BAD),
    # plans                                     anon     coord    secr     staff    central  other    super
    "plans:activity_create":                   (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:activity_create POST":              (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:activity_create@frozen":            (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:activity_create@frozen POST":       (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:activity_delete":                   (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:activity_delete POST":              (LOGIN,   REDIR,   DENIED,  MISSING, DENIED,  MISSING, REDIR),
    "plans:activity_delete@frozen":            (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:activity_delete@frozen POST":       (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:activity_detail":                   (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:activity_detail@frozen":            (LOGIN,   OK,      OK,      OK,      OK,      MISSING, OK),
    "plans:activity_edit":                     (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:activity_edit POST":                (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:activity_edit@frozen":              (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:activity_edit@frozen POST":         (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:activity_export_csv":               (LOGIN,   OK,      OK,      DENIED,  OK,      OK,      OK),
    "plans:activity_export_xlsx":              (LOGIN,   OK,      OK,      DENIED,  OK,      OK,      OK),
    "plans:activity_history":                  (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:activity_history@frozen":           (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:activity_list":                     (LOGIN,   OK,      OK,      OK,      OK,      OK,      OK),
    "plans:activity_move":                     (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:activity_move POST":                (LOGIN,   REDIR,   DENIED,  MISSING, DENIED,  MISSING, REDIR),
    "plans:activity_move@frozen":              (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:activity_move@frozen POST":         (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:chapter_create":                    (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:chapter_create POST":               (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:chapter_create@frozen":             (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:chapter_create@frozen POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:chapter_delete":                    (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:chapter_delete POST":               (LOGIN,   REDIR,   DENIED,  MISSING, DENIED,  MISSING, REDIR),
    "plans:chapter_delete@frozen":             (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:chapter_delete@frozen POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:chapter_edit":                      (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:chapter_edit POST":                 (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:chapter_edit@frozen":               (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:chapter_edit@frozen POST":          (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:chapter_move":                      (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:chapter_move POST":                 (LOGIN,   REDIR,   DENIED,  MISSING, DENIED,  MISSING, REDIR),
    "plans:chapter_move@frozen":               (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:chapter_move@frozen POST":          (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:indicator_create":                  (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:indicator_create POST":             (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:indicator_create@frozen":           (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:indicator_create@frozen POST":      (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:indicator_delete":                  (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:indicator_delete POST":             (LOGIN,   REDIR,   DENIED,  MISSING, DENIED,  MISSING, REDIR),
    "plans:indicator_delete@frozen":           (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:indicator_delete@frozen POST":      (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:indicator_edit":                    (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:indicator_edit POST":               (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:indicator_edit@frozen":             (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:indicator_edit@frozen POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:plan_create":                       (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  OK,      OK),
    "plans:plan_create POST":                  (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  OK,      OK),
    "plans:plan_detail":                       (LOGIN,   OK,      OK,      OK,      OK,      MISSING, OK),
    "plans:plan_list":                         (LOGIN,   OK,      OK,      OK,      OK,      OK,      OK),
    "plans:revision_adopt":                    (LOGIN,   OK,      OK,      MISSING, DENIED,  MISSING, OK),
    "plans:revision_adopt POST":               (LOGIN,   OK,      OK,      MISSING, DENIED,  MISSING, OK),
    "plans:revision_adopt@frozen":             (LOGIN,   REDIR,   REDIR,   DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_adopt@frozen POST":        (LOGIN,   REDIR,   REDIR,   DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_case_docx":                (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_case_docx@frozen":         (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:revision_docx":                     (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_docx@frozen":              (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:revision_case_pdf":                 (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_case_pdf@frozen":          (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:revision_compare":                  (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_compare_pdf":              (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_compare_pdf@frozen":       (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:revision_compare@frozen":           (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:revision_detail":                   (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_detail@frozen":            (LOGIN,   OK,      OK,      OK,      OK,      MISSING, OK),
    "plans:revision_case_edit":                (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:revision_case_edit POST":           (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:revision_case_edit@frozen":         (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_case_edit@frozen POST":    (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_edit":                     (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:revision_edit POST":                (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:revision_edit@frozen":              (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_edit@frozen POST":         (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_history":                  (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_history@frozen":           (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:plan_word_import":                  (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "plans:plan_word_import POST":             (LOGIN,   BAD,     DENIED,  DENIED,  DENIED,  MISSING, BAD),
    "plans:plan_word_import@drafted":          (LOGIN,   BUSY,    DENIED,  DENIED,  DENIED,  MISSING, BUSY),
    "plans:plan_word_import@drafted POST":     (LOGIN,   BUSY,    DENIED,  DENIED,  DENIED,  MISSING, BUSY),
    "plans:plan_word_import_confirm":          (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:plan_word_import_confirm POST":     (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:plan_word_import_undo":             (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:plan_word_import_undo POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_import":                   (LOGIN,   OK,      DENIED,  MISSING, DENIED,  MISSING, OK),
    "plans:revision_import POST":              (LOGIN,   BAD,     DENIED,  MISSING, DENIED,  MISSING, BAD),
    "plans:revision_import@frozen":            (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "plans:revision_import@frozen POST":       (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "plans:revision_place":                    (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:revision_place POST":               (LOGIN,   REDIR,   REDIR,   MISSING, DENIED,  MISSING, REDIR),
    "plans:revision_place@frozen":             (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:revision_place@frozen POST":        (LOGIN,   REDIR,   REDIR,   DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_import_confirm":           (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:revision_import_confirm POST":      (LOGIN,   REDIR,   DENIED,  MISSING, DENIED,  MISSING, REDIR),
    "plans:revision_import_confirm@frozen":    (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:revision_import_confirm@frozen POST": (LOGIN, REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_import_undo":              (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:revision_import_undo POST":         (LOGIN,   REDIR,   DENIED,  MISSING, DENIED,  MISSING, REDIR),
    "plans:revision_import_undo@frozen":       (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:revision_import_undo@frozen POST":  (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:revision_pdf":                      (LOGIN,   OK,      OK,      MISSING, OK,      MISSING, OK),
    "plans:revision_pdf@frozen":               (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "plans:revision_start_next":               (LOGIN,   METHOD,  METHOD,  METHOD,  METHOD,  METHOD,  METHOD),
    "plans:revision_start_next POST":          (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "plans:routine_create":                    (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  OK,      OK),
    "plans:routine_create POST":               (LOGIN,   BAD,     DENIED,  DENIED,  DENIED,  BAD,     BAD),
    "plans:routine_detail":                    (LOGIN,   OK,      OK,      OK,      OK,      MISSING, OK),
    "plans:routine_edit":                      (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "plans:routine_edit POST":                 (LOGIN,   BAD,     DENIED,  DENIED,  DENIED,  MISSING, BAD),
    "plans:routine_list":                      (LOGIN,   OK,      OK,      OK,      OK,      OK,      OK),
    # public pages (the own committee opts in; the foreign one does not, so its pages are 404)
    "public:accessibility":                    (OK,      OK,      OK,      OK,      OK,      OK,      OK),
    "public:organisation":                     (OK,      OK,      OK,      OK,      OK,      OK,      OK),
    "public:revision":                         (OK,      OK,      OK,      OK,      OK,      OK,      OK),
    "public:revision_pdf":                     (OK,      OK,      OK,      OK,      OK,      OK,      OK),
    # situation                                 anon     coord    secr     staff    central  other    super
    "situation:observation_create":            (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:observation_create POST":       (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:observation_create@frozen":     (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:observation_create@frozen POST":(LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:observation_delete":            (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:observation_delete POST":       (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:observation_delete@frozen":     (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:observation_delete@frozen POST":(LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:observation_edit":              (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:observation_edit POST":         (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:observation_edit@frozen":       (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:observation_edit@frozen POST":  (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:picture_comparison":            (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_create":                (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  OK,      OK),
    "situation:picture_create POST":           (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  OK,      OK),
    "situation:picture_case_docx":             (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_case_docx@frozen":      (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_case_edit":             (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:picture_case_edit POST":        (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:picture_case_edit@frozen":      (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:picture_case_edit@frozen POST": (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:picture_case_pdf":              (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_case_pdf@frozen":       (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_detail":                (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_detail@frozen":         (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_docx":                  (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_docx@frozen":           (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_pdf":                   (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_pdf@frozen":            (LOGIN,   OK,      OK,      DENIED,  OK,      MISSING, OK),
    "situation:picture_edit":                  (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:picture_edit POST":             (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:picture_edit@frozen":           (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:picture_edit@frozen POST":      (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:picture_establish":             (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:picture_establish POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:picture_establish@frozen":      (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:picture_establish@frozen POST": (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:picture_list":                  (LOGIN,   OK,      OK,      DENIED,  OK,      OK,      OK),
    "situation:picture_next_year":             (LOGIN,   METHOD,  METHOD,  DENIED,  METHOD,  METHOD,  METHOD),
    "situation:picture_next_year POST":        (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:problem_create":                (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:problem_create POST":           (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:problem_create@frozen":         (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:problem_create@frozen POST":    (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:problem_delete":                (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:problem_delete POST":           (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:problem_delete@frozen":         (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:problem_delete@frozen POST":    (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:problem_edit":                  (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:problem_edit POST":             (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:problem_edit@frozen":           (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:problem_edit@frozen POST":      (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:picture_place":                 (LOGIN,   METHOD,  METHOD,  DENIED,  METHOD,  METHOD,  METHOD),
    "situation:picture_place POST":            (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:picture_place@frozen":          (LOGIN,   METHOD,  METHOD,  DENIED,  METHOD,  METHOD,  METHOD),
    "situation:picture_place@frozen POST":     (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:source_create":                 (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:source_create POST":            (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:source_create@frozen":          (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:source_create@frozen POST":     (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:source_delete":                 (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:source_delete POST":            (LOGIN,   REDIR,   DENIED,  DENIED,  DENIED,  MISSING, REDIR),
    "situation:source_delete@frozen":          (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:source_delete@frozen POST":     (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:source_edit":                   (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:source_edit POST":              (LOGIN,   OK,      DENIED,  DENIED,  DENIED,  MISSING, OK),
    "situation:source_edit@frozen":            (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
    "situation:source_edit@frozen POST":       (LOGIN,   DENIED,  DENIED,  DENIED,  DENIED,  MISSING, DENIED),
}
# fmt: on

# Roles that may read the own committee's adopted activities (and so may see its canary text) on any page,
# its drafts, and its lägesbild (DOMAIN.md: "lägesbild material ... is not for all staff").
MAY_READ_OWN = {"coordinator", "secretary", "staff", "central", "superuser"}
MAY_READ_OWN_DRAFTS = {"coordinator", "secretary", "central", "superuser"}
MAY_READ_OWN_SITUATION = {"coordinator", "secretary", "central", "superuser"}
# Exceptions per URL name, only where the product deliberately shows another organisation's
# activities, e.g. "plans:catalogue": {"other_coordinator"} if adopted plans were shared city-wide.
# They lift only the check of ADOPTED texts: drafts and lägesbild texts stay forbidden there.
PUBLISHED = {"anonymous", "other_coordinator"}  # the public pages of an organisation that opted in
CANARY_ALLOWED: dict[str, set[str]] = {
    "public:organisation": PUBLISHED,
    "public:revision": PUBLISHED,
    "public:revision_pdf": PUBLISHED,
}


def _split(key):
    """'plans:revision_edit@frozen POST' -> ('plans:revision_edit', 'adopted', 'POST')."""
    target, _, method = key.partition(" ")
    name, _, variant = target.partition("@")
    return name, variant, method or "GET"


_CLIENT = None


def _client_for(user, sessions=None):
    """One client per process (building its middleware chain costs ~50 ms), with the user's session."""
    global _CLIENT
    _CLIENT = _CLIENT or Client()
    _CLIENT.cookies.clear()
    if user is None:
        return _CLIENT
    if sessions is not None and user.pk in sessions:
        _CLIENT.cookies[settings.SESSION_COOKIE_NAME] = sessions[user.pk]
    else:
        _CLIENT.force_login(user)
        if sessions is not None:
            sessions[user.pk] = _CLIENT.cookies[settings.SESSION_COOKIE_NAME].value
    return _CLIENT


def _outcome(response):
    if response.status_code == 302:
        login = reverse("login")
        return LOGIN if response["Location"].startswith(login) else REDIR
    return response.status_code


def _request(client, method, url):
    return client.post(url, {}) if method == "POST" else client.get(url)


def _missing_and_stale():
    names_in_table = {_split(key)[0] for key in MATRIX}
    routes = {route.name: route for route in all_routes()}
    return {name: routes[name] for name in sorted(set(routes) - names_in_table)}, sorted(
        names_in_table - set(routes)
    )


def test_every_url_has_a_row():
    missing, stale = _missing_and_stale()
    hint = "\n".join(
        f'    "{name}": (LOGIN, OK, OK, OK, OK, DENIED, OK),   # {route.route}'
        for name, route in missing.items()
    )
    assert not missing, (
        "These URLs have no row in MATRIX (tests/test_authorization_matrix.py). Add one per URL with "
        f"the answer you expect for each role, e.g.:\n{hint}"
    )
    assert not stale, f"MATRIX has rows for URLs that no longer exist: {stale}"
    variants = {f"{name}@{variant}" for name, variant, _ in map(_split, MATRIX) if variant}
    assert variants <= set(BUILDERS), f"MATRIX rows without a builder: {sorted(variants - set(BUILDERS))}"
    unused = {key for key in BUILDERS if "@" in key} - variants
    assert not unused, f"Builders for variants without a MATRIX row: {sorted(unused)}"


def test_a_new_url_without_a_row_is_noticed(settings):
    """Proof the rule above bites: tests/urls.py adds routes that the table does not know."""
    settings.ROOT_URLCONF = "tests.urls"
    missing, stale = _missing_and_stale()
    assert set(missing) >= {
        "test_denied",
        "test_csrf_failure",
        "test_locked_out",
        "test_server_error",
        "test_csrf_exempt",
    }
    assert not stale


def _frozen_state(side):
    """Everything of the side's adopted revision, fastställd lägesbild and closed follow-up round that a
    write could change: none of it may ever change."""
    revision = PlanRevision.objects.get(pk=side.adopted_revision.pk)
    closed = FollowUpRound.objects.get(pk=side.closed_round.pk)
    picture = SituationPicture.objects.get(pk=side.established_picture.pk)
    return (
        (closed.status, closed.version, closed.overall_comment),
        list(closed.entries.order_by("pk").values_list("pk", "version", "status_id", "narrative")),
        (picture.status, picture.version, picture.analysis, picture.occurrence),
        list(picture.sources.order_by("pk").values_list("pk", "description")),
        list(picture.observations.order_by("pk").values_list("pk", "description", "count")),
        revision.version,
        revision.status,
        revision.year,
        revision.decided_by,
        list(revision.chapters.order_by("pk").values_list("pk", "version", "heading", "body", "order")),
        list(
            Activity.objects.filter(chapter__revision=revision)
            .order_by("pk")
            .values_list("pk", "version", "text", "purpose", "order", "chapter_id")
        ),
        [
            list(
                CaseMemo.objects.of(owner).values_list(
                    "pk", "version", "official_id", "prepared_on", "summary"
                )
            )
            for owner in (revision, picture, closed)
        ],
    )


def _text_of(response):
    """The response as text; a spreadsheet is unzipped so that its cells are searched too."""
    if "spreadsheetml" in response.get("Content-Type", ""):
        with zipfile.ZipFile(io.BytesIO(response.content)) as xlsx:
            return "".join(xlsx.read(n).decode() for n in xlsx.namelist() if n.endswith(".xml"))
    return response.content.decode(errors="replace")


def _check_response(role, response, url, name, problems):
    html = _text_of(response)
    readers = {
        OWN_CANARY: MAY_READ_OWN,
        OWN_CANARY + DRAFT_MARK: MAY_READ_OWN_DRAFTS,
        OWN_CANARY + SITUATION_MARK: MAY_READ_OWN_SITUATION,
    }
    for text, allowed in readers.items():
        if text == OWN_CANARY:
            allowed = allowed | CANARY_ALLOWED.get(name, set())
        if role not in allowed and text in html:
            problems.append(f"{role}: sees {text!r} of the own committee at {url}")
    situation_link = f'href="{reverse("situation:picture_list")}'
    if role not in MAY_READ_OWN_SITUATION | {"other_coordinator"} and situation_link in html:
        problems.append(f"{role}: is shown a link to a lägesbild at {url}")
    if role != "superuser" and FOREIGN_CANARY in html:
        problems.append(f"{role}: sees another municipality's text at {url}")


def _as(role, world, method, url):
    """One request in a savepoint that is rolled back: each role finds the world as it was built."""
    client = _client_for(world.users[role], world.sessions)
    with transaction.atomic():
        response = _request(client, method, url)
        frozen = [_frozen_state(world.own), _frozen_state(world.foreign)] if method == "POST" else None
        transaction.set_rollback(True)
    return response, frozen


@pytest.mark.django_db
@pytest.mark.parametrize("key", list(MATRIX))
def test_matrix(key):
    """The own organisation's objects as in the table; a foreign municipality's objects refused to all
    but the superuser; no page shows a text the role may not read; a frozen revision never changes."""
    name, variant, method = _split(key)
    route = next(r for r in all_routes() if r.name == name)
    world = World()
    world.sessions = {}
    frozen = [_frozen_state(world.own), _frozen_state(world.foreign)] if method == "POST" else None
    own_url = url_for(route, world.own, variant)
    problems = []
    for role, expected in zip(ROLES, MATRIX[key], strict=True):
        response, after = _as(role, world, method, own_url)
        if (got := _outcome(response)) != expected:
            problems.append(f"{role}: expected {expected}, got {got}")
        _check_response(role, response, own_url, name, problems)
        if after != frozen:
            problems.append(f"{role}: changed an adopted revision")
    if route.params:
        foreign_url = url_for(route, world.foreign, variant)
        for role in ROLES:
            response, after = _as(role, world, method, foreign_url)
            if role != "superuser" and (got := _outcome(response)) not in {LOGIN, DENIED, MISSING, METHOD}:
                problems.append(f"{role}: got {got} for another municipality's object at {foreign_url}")
            _check_response(role, response, foreign_url, name, problems)
            if after != frozen:
                problems.append(f"{role}: changed an adopted revision at {foreign_url}")
    assert not problems, f"{method} {own_url}:\n  " + "\n  ".join(problems)


# --- Django admin: guarded by is_staff and model permissions, not by our roles ------------------------


@pytest.mark.django_db
def test_admin_redirects_non_staff_users_to_its_login(client):
    world = World()
    for role in ("coordinator", "central"):
        client.force_login(world.users[role])
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
        response = client.get(reverse("admin:organisations_organisation_change", args=[world.own.org.pk]))
        assert response.status_code == 302


@pytest.mark.django_db
def test_staff_user_without_model_permissions_sees_nothing_in_admin(client):
    world = World()
    clerk = get_user_model().objects.create_user("personal", password="x" * 12, is_staff=True)
    client.force_login(clerk)
    index = client.get("/admin/").content.decode()
    assert "Grannkommunen" not in index and "Organisationer" not in index
    foreign = world.foreign.org
    assert client.get(reverse("admin:organisations_organisation_changelist")).status_code == 403
    assert (
        client.get(reverse("admin:organisations_organisation_change", args=[foreign.pk])).status_code == 403
    )
    response = client.post(
        reverse("admin:organisations_organisation_change", args=[foreign.pk]), {"name": "Kapad"}
    )
    assert response.status_code == 403
    foreign.refresh_from_db()
    assert foreign.name == "Grannkommunens nämnd"
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_medarbetare_is_refused_every_lagesbild_url():
    """DOMAIN.md: lägesbild material is not for all staff. The table must say 403 for every such URL."""
    lagesbild = {route.name for route in all_routes() if route.name.startswith("situation:")}
    rows = [key for key in MATRIX if _split(key)[0] in lagesbild]
    assert lagesbild and lagesbild <= {_split(key)[0] for key in rows}
    assert [key for key in rows if MATRIX[key][ROLES.index("staff")] != DENIED] == []


@pytest.mark.django_db
def test_the_canary_check_reads_spreadsheets():
    """Proof the canary search sees inside an XLSX export (a zip), and not only in HTML."""
    world = World()
    response = _client_for(world.users["coordinator"]).get(reverse("plans:activity_export_xlsx"))
    assert response.content[:2] == b"PK"
    assert OWN_CANARY in _text_of(response) and OWN_CANARY not in response.content.decode(errors="replace")


# --- writes that name another organisation's object in the form ----------------------------------------

CRAFTED_WRITES = {
    # url name: (form data from the own side, how to find what it would create)
    "plans:plan_create": (
        lambda side: {"organisation": side.org.pk, "title": "Kapad plan", "year": 2030},
        lambda: ActionPlan.objects.filter(title="Kapad plan"),
    ),
    "plans:routine_create": (
        lambda side: {"organisation": side.org.pk, "kind": "vid_oro", "title": "Kapad rutin", "body": "x"},
        lambda: Routine.objects.filter(title="Kapad rutin"),
    ),
    "situation:picture_create": (
        lambda side: {"organisation": side.org.pk, "year": 2031, "made_with": "Kapad"},
        lambda: SituationPicture.objects.filter(made_with="Kapad"),
    ),
    "followup:round_open": (
        lambda side: {
            "revision": side.adopted_revision.pk,
            "kind": "helar",
            "period": "Kapad",
            "deadline": "2099-01-01",
        },
        lambda: FollowUpRound.objects.filter(period="Kapad"),
    ),
    "meetings:meeting_create": (
        lambda side: {"organisation": side.org.pk, "date": "2031-05-05"},
        lambda: Meeting.objects.filter(date="2031-05-05"),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(CRAFTED_WRITES))
def test_a_create_form_naming_another_organisation_creates_nothing(name):
    """The samordnare of a sibling committee may use the form, but not for the own committee: the
    choice is refused (form error) and nothing is created. The same data from the own samordnare
    succeeds, which proves the data itself is valid."""
    data, created = CRAFTED_WRITES[name]
    world = World()
    url = reverse(name)
    response = _client_for(world.users["other_coordinator"]).post(url, data(world.own))
    assert response.status_code in {200, 400, 403} and not created().exists()
    response = _client_for(world.users["coordinator"]).post(url, data(world.own))
    assert response.status_code == 302 and created().exists()


@pytest.mark.django_db
def test_the_lagesbild_link_check_has_a_link_to_find():
    """The adopted revision names its lägesbild: the samordnare sees the link, so the matrix's check that
    a medarbetare is never shown one is not vacuous."""
    world = World()
    url = reverse("plans:revision_detail", args=[world.own.adopted_revision.pk])
    link = f'href="{reverse("situation:picture_detail", args=[world.own.established_picture.pk])}"'
    assert link in _client_for(world.users["coordinator"]).get(url).content.decode()
    assert link not in _client_for(world.users["staff"]).get(url).content.decode()
