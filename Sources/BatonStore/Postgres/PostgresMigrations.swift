import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL schema's history: named and append-only, like `SQLiteMigrations`; never edit a shipped one, add
/// the next. Instances starting together migrate once: the first takes an advisory lock, the others wait and find
/// the work done.
enum PostgresMigrations {
    /// (name, SQL) in the order they apply.
    static let all: [(name: String, sql: String)] = [
        ("2026-11-23-baton-schema", schema),
        ("2026-11-30-outcomes-and-journeys", outcomesAndJourneys),
        ("2026-12-01-audits", audits),
        ("2026-12-07-lead-replay", "ALTER TABLE lead ADD COLUMN replay BYTEA;"),
    ]

    /// Migrations after which the journeys are folded again from the event log.
    static let rebuildsJourneys: Set<String> = ["2026-11-30-outcomes-and-journeys"]
    /// Migrations after which every lead's replay column is filled from its record.
    static let rebuildsReplays: Set<String> = ["2026-12-07-lead-replay"]

    /// Applies the migrations not yet recorded in `schema_migration`, all in one transaction under the lock.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await PostgresStore.unwrapping {
            try await connection.withTransaction(logger: logger) { connection in
                let db = PostgresSQL(connection: connection, logger: logger)
                try await db.run("SELECT pg_advisory_xact_lock(?)", [.integer(lock)])
                try await db.run("""
                    CREATE TABLE IF NOT EXISTS schema_migration (
                        name TEXT PRIMARY KEY, applied_order SERIAL NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                    """)
                let applied = Set(try await db.rows("SELECT name FROM schema_migration").map { try $0.get("name", as: String.self) })
                var (rebuild, replays) = (false, false)
                for migration in all where !applied.contains(migration.name) {
                    for statement in statements(migration.sql) { try await db.run(statement) }
                    rebuild = rebuild || rebuildsJourneys.contains(migration.name)
                    replays = replays || rebuildsReplays.contains(migration.name)
                    try await db.run("INSERT INTO schema_migration (name) VALUES (?)", [.text(migration.name)])
                    logger.info("applied migration \(migration.name)")
                }
                if rebuild { try await PostgresStore.rebuildJourneys(db) }
                if replays { try await PostgresStore.rebuildReplays(db) }
            }
        }
    }

    /// A migration's statements: each ends with ";" at the end of a line (a function body keeps its ";" inline).
    static func statements(_ sql: String) -> [String] {
        sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The advisory lock key migrations take ("baton-migrate").
    static let lock: Int64 = 0x6261_746F_6E6D_6967

    /// Everything the SQLite store has after its "2026-11-28-work-items" migration, in PostgreSQL's types.
    static let schema = """
        CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS INTEGER
            LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS 'SELECT strpos(haystack, needle)';

        CREATE TABLE event (
            sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            type TEXT NOT NULL,
            subject TEXT,
            actor TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL,
            policy_version BIGINT,
            payload TEXT NOT NULL
        );
        CREATE INDEX event_subject ON event(subject, sequence);
        CREATE FUNCTION event_is_append_only() RETURNS TRIGGER LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$;
        CREATE TRIGGER event_is_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON event
            FOR EACH STATEMENT EXECUTE FUNCTION event_is_append_only();
        REVOKE UPDATE, DELETE, TRUNCATE ON event FROM PUBLIC;

        CREATE TABLE outbox (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            topic TEXT NOT NULL,
            event_sequence BIGINT NOT NULL REFERENCES event(sequence),
            created_at TIMESTAMPTZ NOT NULL,
            delivered_at TIMESTAMPTZ,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TIMESTAMPTZ,
            last_error TEXT,
            claimed_by TEXT,
            lease_until TIMESTAMPTZ
        );
        CREATE INDEX outbox_pending ON outbox(topic, id) WHERE delivered_at IS NULL;
        CREATE TABLE outbox_delivery (
            outbox_id BIGINT NOT NULL REFERENCES outbox(id),
            destination TEXT NOT NULL,
            claimed_by TEXT NOT NULL,
            began_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (outbox_id, destination)
        );

        CREATE TABLE shared_secret (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE policy_version (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            hash TEXT NOT NULL,
            source TEXT NOT NULL,
            file TEXT NOT NULL,
            loaded_at TIMESTAMPTZ NOT NULL,
            loaded_by TEXT NOT NULL
        );

        CREATE TABLE account (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            name TEXT NOT NULL,
            access TEXT NOT NULL,
            active BOOLEAN NOT NULL,
            password_hash TEXT
        );
        CREATE UNIQUE INDEX account_email ON account(lower(email));
        CREATE TABLE setup_token (
            hash TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES account(id),
            expires_at TIMESTAMPTZ NOT NULL,
            used_at TIMESTAMPTZ
        );
        CREATE TABLE session (
            token_hash TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES account(id),
            csrf_token TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE api_token (
            id TEXT PRIMARY KEY,
            secret_hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            account_id TEXT NOT NULL REFERENCES account(id),
            scopes TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ
        );

        CREATE TABLE lead (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            status TEXT NOT NULL,
            email_key TEXT,
            person_key TEXT,
            source_key TEXT,
            owner TEXT,
            queue TEXT,
            received_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX lead_email ON lead(email_key);
        CREATE INDEX lead_person ON lead(person_key);
        CREATE INDEX lead_source ON lead(source_key);
        CREATE INDEX lead_owner ON lead(owner, status);
        CREATE TABLE lead_list (
            id BIGINT PRIMARY KEY REFERENCES lead(id),
            status TEXT NOT NULL,
            owner TEXT,
            queue TEXT,
            source TEXT NOT NULL,
            tier TEXT,
            owners_ever TEXT NOT NULL,
            search TEXT NOT NULL,
            name_key TEXT NOT NULL,
            score DOUBLE PRECISION NOT NULL,
            response_due TIMESTAMPTZ,
            responded_at TIMESTAMPTZ,
            deadline TIMESTAMPTZ,
            received_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX lead_list_status_deadline ON lead_list(status, deadline);
        CREATE INDEX lead_list_owner ON lead_list(owner, status);
        CREATE INDEX lead_list_received ON lead_list(received_at);
        CREATE TABLE intake_key (
            key TEXT PRIMARY KEY,
            lead_id BIGINT NOT NULL REFERENCES lead(id),
            received_at TIMESTAMPTZ NOT NULL,
            fingerprint TEXT
        );
        CREATE TABLE hook_delivery (
            source TEXT NOT NULL,
            id TEXT NOT NULL,
            received_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (source, id)
        );

        CREATE TABLE timer (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            subject TEXT NOT NULL,
            kind TEXT NOT NULL,
            level INTEGER NOT NULL,
            due TIMESTAMPTZ NOT NULL,
            clock TEXT NOT NULL DEFAULT '',
            done_at TIMESTAMPTZ,
            outcome TEXT,
            claimed_by TEXT,
            lease_until TIMESTAMPTZ
        );
        CREATE INDEX timer_pending ON timer(due, id) WHERE done_at IS NULL;
        CREATE INDEX timer_subject ON timer(subject) WHERE done_at IS NULL;
        CREATE TABLE rep_load (
            person TEXT PRIMARY KEY,
            open_leads INTEGER NOT NULL
        );
        CREATE TABLE pool_credit (
            pool TEXT NOT NULL,
            person TEXT NOT NULL,
            credit BIGINT NOT NULL,
            PRIMARY KEY (pool, person)
        );
        CREATE TABLE absence (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            person TEXT NOT NULL,
            starts TIMESTAMPTZ NOT NULL,
            ends TIMESTAMPTZ NOT NULL,
            note TEXT NOT NULL
        );

        CREATE TABLE inbox (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            recipient TEXT NOT NULL,
            event_sequence BIGINT NOT NULL REFERENCES event(sequence),
            subject TEXT,
            text TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            read_at TIMESTAMPTZ,
            UNIQUE (recipient, event_sequence)
        );
        CREATE INDEX inbox_unread ON inbox(recipient, read_at, id);

        CREATE TABLE work_item (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            data TEXT NOT NULL
        );
        CREATE TABLE work_list (
            id BIGINT PRIMARY KEY REFERENCES work_item(id),
            asset_type TEXT NOT NULL,
            campaign TEXT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            status TEXT NOT NULL,
            requester TEXT NOT NULL,
            owners TEXT NOT NULL,
            waiting_on TEXT NOT NULL,
            people TEXT NOT NULL,
            search TEXT NOT NULL,
            rush BOOLEAN NOT NULL,
            blocked BOOLEAN NOT NULL,
            late BOOLEAN NOT NULL,
            stage TEXT NOT NULL,
            next_due TIMESTAMPTZ,
            deadline TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX work_list_status_due ON work_list(status, (next_due IS NULL), next_due);
        CREATE INDEX work_list_created ON work_list(created_at);
        CREATE TABLE work_waiting (
            item_id BIGINT NOT NULL REFERENCES work_item(id),
            person TEXT NOT NULL,
            kind TEXT NOT NULL,
            on_what TEXT NOT NULL,
            label TEXT NOT NULL,
            due TIMESTAMPTZ
        );
        CREATE INDEX work_waiting_person ON work_waiting(person, due);
        CREATE INDEX work_waiting_item ON work_waiting(item_id);
        """

    /// Outcomes from the CRM (H3) and the journeys reports read, as in SQLite's migration of the same name.
    static let outcomesAndJourneys = """
        CREATE TABLE outcome (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            lead_id BIGINT REFERENCES lead(id),
            lead_ref BIGINT,
            source_key TEXT,
            email_key TEXT,
            reference TEXT NOT NULL,
            data TEXT NOT NULL,
            actor TEXT NOT NULL,
            line BIGINT,
            reason TEXT,
            received_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX outcome_pending_ref ON outcome(lead_ref) WHERE lead_id IS NULL;
        CREATE INDEX outcome_pending_source ON outcome(source_key) WHERE lead_id IS NULL;
        CREATE INDEX outcome_pending_email ON outcome(email_key) WHERE lead_id IS NULL;
        CREATE TABLE lead_journey (
            id BIGINT PRIMARY KEY,
            intake TEXT, source TEXT, channel TEXT, campaign TEXT, completeness BIGINT, policy_version BIGINT,
            submitted_ms BIGINT, received_ms BIGINT, validated_ms BIGINT, remediation_ms BIGINT, scored_ms BIGINT,
            qualified_ms BIGINT, nurture_ms BIGINT, tier TEXT, rule TEXT, routed_ms BIGINT, assigned_ms BIGINT,
            owner TEXT, response_due_ms BIGINT, reassignments BIGINT NOT NULL, notified_ms BIGINT, touched_ms BIGINT,
            touched_by TEXT, touch_business_seconds BIGINT, touch_within_sla BIGINT, breached_ms BIGINT,
            accepted_ms BIGINT, rejected_ms BIGINT, rejection_reason TEXT, disposition TEXT, disposition_ms BIGINT,
            opportunity_ms BIGINT, opportunities BIGINT NOT NULL, won_ms BIGINT, won BIGINT NOT NULL,
            won_amount DOUBLE PRECISION NOT NULL, lost_ms BIGINT, deal_people TEXT NOT NULL, updated_ms BIGINT
        );
        CREATE INDEX lead_journey_received ON lead_journey(received_ms);
        """

    /// Audits, whole as JSON: one per kind and period.
    static let audits = """
        CREATE TABLE audit (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL,
            period TEXT NOT NULL,
            data TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (kind, period)
        );
        """
}
