import GRDB

/// The schema's history. Migrations are named and append-only: never edit a shipped one, add the next.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-22-events-and-outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE event (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        type TEXT NOT NULL,
                        subject TEXT,
                        actor TEXT NOT NULL,
                        at DATETIME NOT NULL,
                        policy_version INTEGER,
                        payload TEXT NOT NULL
                    );
                    CREATE INDEX event_subject ON event(subject, sequence);
                    CREATE TRIGGER event_is_append_only_update BEFORE UPDATE ON event
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TRIGGER event_is_append_only_delete BEFORE DELETE ON event
                        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        topic TEXT NOT NULL,
                        event_sequence INTEGER NOT NULL REFERENCES event(sequence),
                        created_at DATETIME NOT NULL,
                        delivered_at DATETIME,
                        attempts INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX outbox_pending ON outbox(topic, delivered_at, id);
                    """)
        }
        migrator.registerMigration("2026-11-22-policy-versions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE policy_version (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        hash TEXT NOT NULL,
                        source TEXT NOT NULL,
                        file TEXT NOT NULL,
                        loaded_at DATETIME NOT NULL,
                        loaded_by TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-11-22-accounts-sessions-tokens") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                        id TEXT PRIMARY KEY,
                        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                        name TEXT NOT NULL,
                        access TEXT NOT NULL,
                        active BOOLEAN NOT NULL,
                        password_hash TEXT
                    );
                    CREATE TABLE setup_token (
                        hash TEXT PRIMARY KEY,
                        account_id TEXT NOT NULL REFERENCES account(id),
                        expires_at DATETIME NOT NULL,
                        used_at DATETIME
                    );
                    CREATE TABLE session (
                        token_hash TEXT PRIMARY KEY,
                        account_id TEXT NOT NULL REFERENCES account(id),
                        csrf_token TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        expires_at DATETIME NOT NULL
                    );
                    CREATE TABLE api_token (
                        id TEXT PRIMARY KEY,
                        secret_hash TEXT NOT NULL UNIQUE,
                        name TEXT NOT NULL,
                        account_id TEXT NOT NULL REFERENCES account(id),
                        scopes TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        revoked_at DATETIME
                    );
                    """)
        }
        migrator.registerMigration("2026-11-23-leads-timers-routing") { db in
            try db.execute(
                sql: """
                    CREATE TABLE lead (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        status TEXT NOT NULL,
                        email_key TEXT,
                        person_key TEXT,
                        source_key TEXT,
                        owner TEXT,
                        queue TEXT,
                        response_due DATETIME,
                        received_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        data TEXT NOT NULL
                    );
                    CREATE INDEX lead_email ON lead(email_key);
                    CREATE INDEX lead_person ON lead(person_key);
                    CREATE INDEX lead_source ON lead(source_key);
                    CREATE INDEX lead_status ON lead(status, response_due);
                    CREATE INDEX lead_owner ON lead(owner, status);
                    CREATE TABLE intake_key (
                        key TEXT PRIMARY KEY,
                        lead_id INTEGER NOT NULL REFERENCES lead(id),
                        received_at DATETIME NOT NULL
                    );
                    CREATE TABLE timer (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        subject TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        level INTEGER NOT NULL,
                        due DATETIME NOT NULL,
                        done_at DATETIME,
                        outcome TEXT
                    );
                    CREATE INDEX timer_pending ON timer(due) WHERE done_at IS NULL;
                    CREATE INDEX timer_subject ON timer(subject) WHERE done_at IS NULL;
                    CREATE TABLE rep_load (
                        person TEXT PRIMARY KEY,
                        open_leads INTEGER NOT NULL
                    );
                    CREATE TABLE pool_credit (
                        pool TEXT NOT NULL,
                        person TEXT NOT NULL,
                        credit INTEGER NOT NULL,
                        PRIMARY KEY (pool, person)
                    );
                    CREATE TABLE absence (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        person TEXT NOT NULL,
                        starts DATETIME NOT NULL,
                        ends DATETIME NOT NULL,
                        note TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("2026-11-24-notification-deliveries") { db in
            try db.execute(
                sql: """
                    ALTER TABLE outbox ADD COLUMN next_attempt_at DATETIME;
                    ALTER TABLE outbox ADD COLUMN last_error TEXT;
                    CREATE TABLE inbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        recipient TEXT NOT NULL,
                        event_sequence INTEGER NOT NULL REFERENCES event(sequence),
                        subject TEXT,
                        text TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        read_at DATETIME,
                        UNIQUE (recipient, event_sequence)
                    );
                    CREATE INDEX inbox_unread ON inbox(recipient, read_at, id);
                    """)
        }
        migrator.registerMigration("2026-11-26-lead-list") { db in
            // What lists filter and sort on, in a narrow table of its own: scanning it never reads the leads' JSON.
            try db.execute(
                sql: """
                    DROP INDEX lead_status;
                    ALTER TABLE lead DROP COLUMN response_due;
                    CREATE TABLE lead_list (
                        id INTEGER PRIMARY KEY REFERENCES lead(id),
                        status TEXT NOT NULL,
                        owner TEXT,
                        queue TEXT,
                        source TEXT NOT NULL,
                        tier TEXT,
                        owners_ever TEXT NOT NULL,
                        search TEXT NOT NULL,
                        name_key TEXT NOT NULL,
                        score REAL NOT NULL,
                        response_due DATETIME,
                        responded_at DATETIME,
                        deadline DATETIME,
                        received_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE INDEX lead_list_status_deadline ON lead_list(status, deadline);
                    CREATE INDEX lead_list_owner ON lead_list(owner, status);
                    CREATE INDEX lead_list_received ON lead_list(received_at);
                    ALTER TABLE intake_key ADD COLUMN fingerprint TEXT;
                    CREATE TABLE hook_delivery (
                        source TEXT NOT NULL,
                        id TEXT NOT NULL,
                        received_at DATETIME NOT NULL,
                        PRIMARY KEY (source, id)
                    );
                    """)
            for data in try String.fetchAll(db, sql: "SELECT data FROM lead") {
                try SQLiteStore.writeRow(try SQLiteStore.decode(data), db: db)
            }
        }
        migrator.registerMigration("2026-11-28-work-items") { db in
            try db.execute(
                sql: """
                    ALTER TABLE timer ADD COLUMN clock TEXT NOT NULL DEFAULT '';
                    CREATE TABLE work_item (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        data TEXT NOT NULL
                    );
                    CREATE TABLE work_list (
                        id INTEGER PRIMARY KEY REFERENCES work_item(id),
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
                        next_due DATETIME,
                        deadline DATETIME,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE INDEX work_list_status_due ON work_list(status, next_due IS NULL, next_due);
                    CREATE INDEX work_list_created ON work_list(created_at);
                    CREATE TABLE work_waiting (
                        item_id INTEGER NOT NULL REFERENCES work_item(id),
                        person TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        on_what TEXT NOT NULL,
                        label TEXT NOT NULL,
                        due DATETIME
                    );
                    CREATE INDEX work_waiting_person ON work_waiting(person, due);
                    CREATE INDEX work_waiting_item ON work_waiting(item_id);
                    """)
        }
        migrator.registerMigration("2026-11-29-timer-claims") { db in
            // Who holds a due timer and until when: an instance that dies mid-batch loses its claims when the lease ends.
            try db.execute(
                sql: """
                    ALTER TABLE timer ADD COLUMN claimed_by TEXT;
                    ALTER TABLE timer ADD COLUMN lease_until DATETIME;
                    """)
        }
        migrator.registerMigration("2026-11-29-outbox-claims") { db in
            // Outbox messages are claimed like timers; each outside destination gets one delivery row per message.
            try db.execute(
                sql: """
                    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
                    ALTER TABLE outbox ADD COLUMN lease_until DATETIME;
                    CREATE TABLE outbox_delivery (
                        outbox_id INTEGER NOT NULL REFERENCES outbox(id),
                        destination TEXT NOT NULL,
                        claimed_by TEXT NOT NULL,
                        began_at DATETIME NOT NULL,
                        PRIMARY KEY (outbox_id, destination)
                    );
                    """)
        }
        migrator.registerMigration("2026-11-29-shared-secrets") { db in
            try db.execute(sql: "CREATE TABLE shared_secret (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        }
        migrator.registerMigration("2026-11-30-outcomes-and-journeys") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outcome (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT NOT NULL UNIQUE,
                        lead_id INTEGER REFERENCES lead(id),
                        lead_ref INTEGER,
                        source_key TEXT,
                        email_key TEXT,
                        reference TEXT NOT NULL,
                        data TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        line INTEGER,
                        reason TEXT,
                        received_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL
                    );
                    CREATE INDEX outcome_pending_ref ON outcome(lead_ref) WHERE lead_id IS NULL;
                    CREATE INDEX outcome_pending_source ON outcome(source_key) WHERE lead_id IS NULL;
                    CREATE INDEX outcome_pending_email ON outcome(email_key) WHERE lead_id IS NULL;
                    CREATE TABLE lead_journey (
                        id INTEGER PRIMARY KEY,
                        intake TEXT, source TEXT, channel TEXT, campaign TEXT, completeness INTEGER, policy_version INTEGER,
                        submitted_ms INTEGER, received_ms INTEGER, validated_ms INTEGER, remediation_ms INTEGER, scored_ms INTEGER,
                        qualified_ms INTEGER, nurture_ms INTEGER, tier TEXT, rule TEXT, routed_ms INTEGER, assigned_ms INTEGER,
                        owner TEXT, response_due_ms INTEGER, reassignments INTEGER NOT NULL, notified_ms INTEGER, touched_ms INTEGER,
                        touched_by TEXT, touch_business_seconds INTEGER, touch_within_sla INTEGER, breached_ms INTEGER,
                        accepted_ms INTEGER, rejected_ms INTEGER, rejection_reason TEXT, disposition TEXT, disposition_ms INTEGER,
                        opportunity_ms INTEGER, opportunities INTEGER NOT NULL, won_ms INTEGER, won INTEGER NOT NULL,
                        won_amount REAL NOT NULL, lost_ms INTEGER, deal_people TEXT NOT NULL, updated_ms INTEGER
                    );
                    CREATE INDEX lead_journey_received ON lead_journey(received_ms);
                    """)
            try SQLiteStore.rebuildJourneys(db)
        }
        migrator.registerMigration("2026-12-01-audits") { db in
            try db.execute(
                sql: """
                    CREATE TABLE audit (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL,
                        period TEXT NOT NULL,
                        data TEXT NOT NULL,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL,
                        UNIQUE (kind, period)
                    );
                    """)
        }
        migrator.registerMigration("2026-12-07-lead-replay") { db in
            // What a backtest replays of each lead, kept compact beside its record (`ReplayInputCodec`).
            try db.execute(sql: "ALTER TABLE lead ADD COLUMN replay BLOB")
            try SQLiteStore.rebuildReplays(db)
        }
        return migrator
    }
}
