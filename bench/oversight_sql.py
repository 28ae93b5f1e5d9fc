"""The oversight measures written by hand in PostgreSQL, for the benchmark's comparison (bench/oversight.py): the
same figures as `people/measures.py` and each capability's `measures.py`, by team and month and for the whole
organisation, in one query per measure (GROUPING SETS), the months from generate_series. The benchmark checks that
both give exactly the same counts before it times them."""

LONDON = "'Europe/London'"


def day(column: str) -> str:
    return f"(({column}) AT TIME ZONE {LONDON})::date"


# Each measure: the counted rows (`u`, with `person_id` and `id`), what else to join, and the two conditions in terms
# of `m.first`, `m.last`, `%(today)s` and `%(now)s` (the months run from `%(start)s` to `%(end)s`).
MEASURES: dict[str, dict[str, str]] = {
    "plans_agreed": {
        "units": "SELECT p.id, p.person_id, p.started_at FROM plans_plan p",
        "counted": f"{day('u.started_at')} <= m.last",
        "met": f"""EXISTS (SELECT 1 FROM plans_signature s JOIN plans_planversion v ON v.id = s.version_id
                 WHERE v.plan_id = u.id AND s.role = 'person' AND {day("v.agreed_at")} <= m.last)""",
    },
    "reviews_on_time": {
        "units": f"""SELECT v.id, p.person_id, v.review_due,
                 EXISTS (SELECT 1 FROM plans_planversion w WHERE w.plan_id = v.plan_id AND w.number > v.number
                         AND {day("w.agreed_at")} <= v.review_due) AS reviewed
                 FROM plans_planversion v JOIN plans_plan p ON p.id = v.plan_id WHERE v.agreed_at IS NOT NULL""",
        "counted": "u.review_due BETWEEN m.first AND m.last AND u.review_due < %(today)s",
        "met": "u.reviewed",
    },
    "crisis_plans": {
        "units": "SELECT pe.id, pe.id AS person_id FROM people_person pe",
        "counted": "TRUE",
        "met": f"""EXISTS (SELECT 1 FROM plans_planversion v JOIN plans_plan p ON p.id = v.plan_id
                 WHERE p.person_id = u.person_id AND p.template_id = ANY(%(crisis_templates)s)
                 AND {day("v.agreed_at")} <= m.last
                 AND EXISTS (SELECT 1 FROM plans_entry e WHERE e.plan_id = p.id
                             AND e.section_key = ANY(%(crisis_keys)s) AND e.created_at <= v.agreed_at
                             AND e.hidden_from_staff_at IS NULL
                             AND NOT EXISTS (SELECT 1 FROM plans_entryrevision r WHERE r.entry_id = e.id
                                             AND r.removed AND r.written_at <= v.agreed_at)))""",
    },
    "own_words": {
        "units": f"SELECT e.id, p.person_id, {day('e.created_at')} AS written, e.voice FROM plans_entry e "
        "JOIN plans_plan p ON p.id = e.plan_id",
        "counted": "u.written BETWEEN m.first AND m.last",
        "met": "u.voice = 'person'",
    },
    "later_harms_weighed": {
        "units": f"""SELECT d.id, d.person_id, {day("a.final_at")} AS agreed,
                 EXISTS (SELECT 1 FROM decisions_laterharm h JOIN decisions_option o ON o.id = h.option_id
                         WHERE o.decision_id = d.id) AS weighed
                 FROM decisions_decision d JOIN decisions_agreement a ON a.decision_id = d.id""",
        "counted": "u.agreed BETWEEN m.first AND m.last",
        "met": "u.weighed",
    },
    "harm_plans_agreed": {
        "units": "SELECT p.id, p.person_id, p.started_at FROM plans_plan p JOIN plans_plantemplate t "
        "ON t.id = p.template_id WHERE t.key = 'harm-minimisation'",
        "counted": f"{day('u.started_at')} <= m.last",
        "met": f"""EXISTS (SELECT 1 FROM plans_signature s JOIN plans_planversion v ON v.id = s.version_id
                 WHERE v.plan_id = u.id AND s.role = 'person' AND {day("v.agreed_at")} <= m.last)""",
    },
    "follow_up_72_hours": {
        "units": f"""SELECT c.id, c.person_id, {day("c.happened_at")} AS happened, c.follow_up_by,
                 EXISTS (SELECT 1 FROM followup_followup f WHERE f.event_id = c.id AND f.reached) AS reached,
                 EXISTS (SELECT 1 FROM followup_followup f WHERE f.event_id = c.id AND f.reached
                         AND f.contacted_at <= c.follow_up_by) AS in_time
                 FROM followup_crisisevent c""",
        "counted": "u.happened BETWEEN m.first AND m.last AND u.follow_up_by < %(now)s",
        "met": "u.in_time",
    },
    "concerns_acknowledged": {
        "units": f"""SELECT c.id, c.person_id, c.received_on, c.acknowledge_by,
                 EXISTS (SELECT 1 FROM concerns_step s WHERE s.concern_id = c.id AND s.state <> 'received') AS moved,
                 EXISTS (SELECT 1 FROM concerns_step s WHERE s.concern_id = c.id AND s.state <> 'received'
                         AND {day("s.written_at")} <= c.acknowledge_by) AS in_time
                 FROM concerns_concern c WHERE c.kind = 'concern'""",
        "counted": "u.received_on BETWEEN m.first AND m.last AND u.acknowledge_by < %(today)s",
        "met": "u.in_time",
    },
    "concerns_answered": {
        "units": f"""SELECT c.id, c.person_id, c.received_on, c.respond_by, c.state,
                 EXISTS (SELECT 1 FROM concerns_response r WHERE r.concern_id = c.id) AS answered,
                 EXISTS (SELECT 1 FROM concerns_response r WHERE r.concern_id = c.id
                         AND {day("r.written_at")} <= c.respond_by) AS in_time
                 FROM concerns_concern c WHERE c.kind = 'concern'""",
        "counted": """u.received_on BETWEEN m.first AND m.last AND u.respond_by < %(today)s
                   AND u.state <> 'referred' AND NOT (u.state = 'closed' AND NOT u.answered)""",
        "met": "u.in_time",
    },
    "withheld_past_review": {
        "units": "SELECT w.id, w.person_id, w.decided_at, w.released_at, w.review_on FROM people_withholding w",
        "counted": f"{day('u.decided_at')} <= m.last AND (u.released_at IS NULL OR {day('u.released_at')} > m.last)",
        "met": "u.review_on < m.last",
    },
    "supporters_involved": {
        "units": "SELECT pe.id, pe.id AS person_id FROM people_person pe",
        "counted": "TRUE",
        "met": """EXISTS (SELECT 1 FROM people_supportrelationship s WHERE s.person_id = u.person_id
                 AND s.kind = 'supporter' AND s.started_on <= m.last
                 AND (s.ended_on IS NULL OR s.ended_on >= m.first))""",
    },
}

QUERY = """
WITH m AS (
    SELECT g::date AS first, LEAST((g + interval '1 month' - interval '1 day')::date, %(end)s) AS last
    FROM generate_series(%(start)s::date, %(end)s::date, interval '1 month') AS g
), u AS ({units})
SELECT m.first, cr.team_id,
       count(DISTINCT u.id) FILTER (WHERE {counted}) AS denominator,
       count(DISTINCT u.id) FILTER (WHERE ({counted}) AND {met}) AS numerator
FROM u
JOIN people_person pe ON pe.id = u.person_id AND pe.organisation_id = %(organisation)s
JOIN people_carerelationship cr ON cr.person_id = u.person_id
JOIN people_team t ON t.id = cr.team_id AND t.organisation_id = %(organisation)s
JOIN m ON cr.started_on <= m.last AND (cr.ended_on IS NULL OR cr.ended_on >= m.first)
GROUP BY GROUPING SETS ((m.first, cr.team_id), (m.first))
"""


def query(key: str) -> str:
    parts = MEASURES[key]
    return QUERY.format(units=parts["units"], counted=parts["counted"], met=parts["met"])
