"""Appending an audit row in one round trip on PostgreSQL (issue 16; docs/adr/0002-audit-trail.md, "Appending in one
round trip").

`safeplan_audit_append` takes the chain head's lock, links the row (seq and prev_hash), hashes it from the canonical
pieces Python made (`AuditEvent.canonical_around_link`), inserts it and moves the head: one statement from the
request, where there were three (lock, insert, update) with Python between them. The head stays locked until the
request's transaction commits, as before, so the chain cannot fork; what shrinks is how long it is held.

An empty trail with no head starts the chain (a fresh database, or a test flush); a trail with rows and no head is
refused, as `audit.services` refused it, because appending would hide that the head was removed.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION safeplan_audit_append(
    canonical_before text, canonical_after text, p_at timestamptz, p_actor_id bigint, p_actor_name text,
    p_actor_role text, p_person_id uuid, p_action text, p_object_type text, p_object_id text,
    p_object_version text, p_purpose text, p_reason text, p_request_id text,
    OUT new_id bigint, OUT new_seq bigint, OUT new_prev_hash text, OUT new_hash text
) AS $$
BEGIN
    SELECT last_seq + 1, last_hash INTO new_seq, new_prev_hash FROM audit_chainhead WHERE id = 1 FOR UPDATE;
    IF NOT FOUND THEN
        IF EXISTS (SELECT 1 FROM audit_auditevent) THEN
            RAISE EXCEPTION 'The audit chain head is missing: run `safeplan verify_audit`.';
        END IF;
        INSERT INTO audit_chainhead (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
        SELECT last_seq + 1, last_hash INTO new_seq, new_prev_hash FROM audit_chainhead WHERE id = 1 FOR UPDATE;
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

PG_REVERSE = "DROP FUNCTION IF EXISTS safeplan_audit_append"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_shared_purpose")]
    operations = [migrations.RunPython(forwards, backwards)]
