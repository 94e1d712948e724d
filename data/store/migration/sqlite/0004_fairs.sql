-- Trade fairs, their booths and the enterprises' bookings (table fair_bookings). Dates are YYYY-MM-DD text, instants
-- RFC 3339 text, money whole đồng.
CREATE TABLE fairs (
	id            INTEGER PRIMARY KEY,
	code          TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	kind          TEXT NOT NULL CHECK (kind IN ('trung_tam', 'trong_nuoc', 'nuoc_ngoai')),
	organiser     TEXT NOT NULL DEFAULT '',
	venue         TEXT NOT NULL DEFAULT '',
	city          TEXT NOT NULL DEFAULT '',
	country       TEXT NOT NULL DEFAULT '',
	start_date    TEXT NOT NULL,
	end_date      TEXT NOT NULL,
	deadline      TEXT NOT NULL DEFAULT '',
	booth_price   INTEGER NOT NULL DEFAULT 0 CHECK (booth_price >= 0),
	share_percent INTEGER NOT NULL CHECK (share_percent BETWEEN 0 AND 100),
	cap_booth     INTEGER NOT NULL DEFAULT 0,
	cap_enterprise INTEGER NOT NULL DEFAULT 0,
	abroad_per_year INTEGER NOT NULL DEFAULT 2,
	status        TEXT NOT NULL DEFAULT 'ke_hoach',
	cancel_reason TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	CHECK (end_date >= start_date)
);
CREATE INDEX fairs_start ON fairs (start_date, id);

-- number_key orders numbers naturally (A2 before A10): the prefix, then the trailing number
-- zero-padded to 8 digits, written by the store in Go.
CREATE TABLE booths (
	id         INTEGER PRIMARY KEY,
	fair_id    INTEGER NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
	number     TEXT NOT NULL,
	number_key TEXT NOT NULL,
	width_cm INTEGER NOT NULL CHECK (width_cm > 0),
	depth_cm INTEGER NOT NULL CHECK (depth_cm > 0),
	kind     TEXT NOT NULL,
	price    INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
	UNIQUE (fair_id, number)
);
CREATE INDEX booths_order ON booths (fair_id, number_key);

-- rule is the JSON of the data.SupportRule that computed fee, support and own_share.
CREATE TABLE fair_bookings (
	id              INTEGER PRIMARY KEY,
	fair_id         INTEGER NOT NULL REFERENCES fairs (id),
	enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
	booths_wanted   INTEGER NOT NULL CHECK (booths_wanted > 0),
	products        TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL CHECK (status IN ('dang_ky', 'da_xac_nhan', 'da_tham_gia', 'da_huy', 'cho')),
	late_note       TEXT NOT NULL DEFAULT '',
	without_support INTEGER NOT NULL DEFAULT 0 CHECK (without_support IN (0, 1)),
	fee             INTEGER NOT NULL DEFAULT 0,
	support         INTEGER NOT NULL DEFAULT 0,
	own_share       INTEGER NOT NULL DEFAULT 0,
	rule            TEXT NOT NULL DEFAULT '{}',
	cancel_reason   TEXT NOT NULL DEFAULT '',
	sales           INTEGER NOT NULL DEFAULT 0,
	contracts       INTEGER NOT NULL DEFAULT 0,
	contract_value  INTEGER NOT NULL DEFAULT 0,
	result_notes    TEXT NOT NULL DEFAULT '',
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
-- An enterprise has at most one booking that is not cancelled per fair.
CREATE UNIQUE INDEX fair_bookings_one_active ON fair_bookings (fair_id, enterprise_id) WHERE status <> 'da_huy';
CREATE INDEX fair_bookings_fair ON fair_bookings (fair_id, status, id);
CREATE INDEX fair_bookings_enterprise ON fair_bookings (enterprise_id);

-- A booth is held by at most one booking: booth_id is the key. Releasing or cancelling deletes
-- the row. fair_id is the booth's fair, copied by the store so the fair list counts held booths
-- from an index alone.
CREATE TABLE booking_booths (
	booth_id   INTEGER PRIMARY KEY REFERENCES booths (id),
	booking_id INTEGER NOT NULL REFERENCES fair_bookings (id),
	fair_id    INTEGER NOT NULL REFERENCES fairs (id)
);
CREATE INDEX booking_booths_booking ON booking_booths (booking_id);
CREATE INDEX booking_booths_fair ON booking_booths (fair_id);

-- Folded search over fairs: rowid is fairs.id.
CREATE VIRTUAL TABLE fair_search USING fts5 (
	text,
	content = '',
	contentless_delete = 1,
	detail = column,
	tokenize = 'unicode61 remove_diacritics 2'
);
