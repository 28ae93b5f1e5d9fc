"""The first appends to an empty trail, at the same moment, no longer refuse each other (PostgreSQL).

`safeplan_audit_append` (migration 0007) looked for the chain head and, finding none, checked that the trail was
empty before starting the chain. Two first appends raced there: the second found no head (the first's was not yet
committed), then found the first's row (committed by then) and refused with "the audit chain head is missing". CI
caught it once in `test_the_chain_stays_unbroken_with_many_concurrent_writers`, which starts from a flushed database.

Now the append that finds no head inserts one (`ON CONFLICT DO NOTHING`, which waits for a head another append is
inserting, then reads theirs), and only the append that did create the head checks that the trail was empty. A trail
with rows and no head is still refused, so removing the head cannot be hidden by appending.
"""

from importlib import import_module

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION safeplan_audit_append(
    canonical_before text, canonical_after text, p_at timestamptz, p_actor_id bigint, p_actor_name text,
    p_actor_role text, p_person_id uuid, p_action text, p_object_type text, p_object_id text,
    p_object_version text, p_purpose text, p_reason text, p_request_id text,
    OUT new_id bigint, OUT new_seq bigint, OUT new_prev_hash text, OUT new_hash text
) AS $$
DECLARE
    created integer;
BEGIN
    SELECT last_seq + 1, last_hash INTO new_seq, new_prev_hash FROM audit_chainhead WHERE id = 1 FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_chainhead (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS created = ROW_COUNT;
        IF created > 0 AND EXISTS (SELECT 1 FROM audit_auditevent) THEN
            RAISE EXCEPTION 'The audit chain head is missing: run `safeplan verify_audit`.';
        END IF;
        SELECT last_seq + 1, last_hash INTO new_seq, new_prev_hash FROM audit_chainhead WHERE id = 1 FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'The audit chain head is missing: run `safeplan verify_audit`.';
        END IF;
    END IF;
    new_hash := encode(sha256(convert_to(
        canonical_before || new_prev_hash || canonical_after || new_seq::text || '}', 'UTF8')), 'hex');
    INSERT INTO audit_auditevent (seq, at, actor_id, actor_name, actor_role, person_id, action, object_type,
                                  object_id, object_version, purpose, reason, request_id, prev_hash, hash)
    VALUES (new_seq, p_at, p_actor_id, p_actor_name, p_actor_role, p_person_id, p_action, p_object_type,
            p_object_id, p_object_version, p_purpose, p_reason, p_request_id, new_prev_hash, new_hash)
    RETURNING id INTO new_id;
    UPDATE audit_chainhead SET last_seq = new_seq, last_hash = new_hash WHERE id = 1;
END;
$$ LANGUAGE plpgsql SECURITY INVOKER;
"""

PG_BACKWARD = import_module("safeplan.audit.migrations.0007_append_in_one_round_trip").PG_FORWARD


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_append_in_one_round_trip")]
    operations = [migrations.RunPython(forwards, backwards)]
