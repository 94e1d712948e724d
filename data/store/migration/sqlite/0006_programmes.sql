-- Programmes and money: the yearly plans, their đề án with targets and payments, equipment and
-- demonstration-model support, and the register of craft villages. Classes and fairs gain the
-- đề án that pays for them; enterprises and classes the village they belong to or are held for.
-- Dates are YYYY-MM-DD text, instants RFC 3339 text, money whole đồng. words is the folded
-- search text the store writes in Go (enterprise_words), as for enterprises.

CREATE TABLE plans (
	id            INTEGER PRIMARY KEY,
	year          INTEGER NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	decision      TEXT NOT NULL DEFAULT '',
	decision_date TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

-- year is the plan's, copied so that codes are unique within a year by an index.
CREATE TABLE programmes (
	id            INTEGER PRIMARY KEY,
	plan_id       INTEGER NOT NULL REFERENCES plans (id),
	year          INTEGER NOT NULL,
	code          TEXT NOT NULL,
	name          TEXT NOT NULL,
	content       TEXT NOT NULL CHECK (content IN ('dao_tao', 'quan_ly', 'cong_nghe', 'san_pham', 'tu_van',
		'thong_tin', 'lien_ket', 'quoc_te', 'nang_luc')),
	funding       TEXT NOT NULL CHECK (funding IN ('quoc_gia', 'dia_phuong')),
	decision      TEXT NOT NULL DEFAULT '',
	decision_date TEXT NOT NULL DEFAULT '',
	unit          TEXT NOT NULL DEFAULT '',
	start_date    TEXT NOT NULL,
	end_date      TEXT NOT NULL,
	support       INTEGER NOT NULL CHECK (support >= 0),
	own           INTEGER NOT NULL DEFAULT 0 CHECK (own >= 0),
	status        TEXT NOT NULL CHECK (status IN ('de_xuat', 'duoc_duyet', 'dang_thuc_hien', 'nghiem_thu', 'quyet_toan', 'huy')),
	cancel_reason TEXT NOT NULL DEFAULT '',
	words         TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL,
	CHECK (end_date >= start_date),
	UNIQUE (year, code)
);
CREATE INDEX programmes_plan ON programmes (plan_id);

-- A đề án's targets in the order entered (position from 0); achieved only for measure 'khac'.
CREATE TABLE programme_targets (
	programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	measure      TEXT NOT NULL CHECK (measure IN ('hoc_vien', 'lop', 'co_so', 'thiet_bi', 'mo_hinh', 'khac')),
	label        TEXT NOT NULL DEFAULT '',
	unit         TEXT NOT NULL DEFAULT '',
	planned      INTEGER NOT NULL CHECK (planned > 0),
	achieved     INTEGER NOT NULL DEFAULT 0 CHECK (achieved >= 0),
	PRIMARY KEY (programme_id, position)
);

CREATE TABLE villages (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	ward_code     TEXT REFERENCES divisions (code),
	trade         TEXT NOT NULL DEFAULT '',
	decision      TEXT NOT NULL DEFAULT '',
	recognised_on TEXT NOT NULL DEFAULT '',
	households    INTEGER NOT NULL DEFAULT 0 CHECK (households >= 0),
	workers       INTEGER NOT NULL DEFAULT 0 CHECK (workers >= 0),
	contact_name  TEXT NOT NULL DEFAULT '',
	contact_phone TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	words         TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

-- rule is the JSON of the data.EquipmentRule applied at approval.
CREATE TABLE equipment (
	id              INTEGER PRIMARY KEY,
	code            TEXT NOT NULL UNIQUE,
	enterprise_id   INTEGER NOT NULL REFERENCES enterprises (id),
	programme_id    INTEGER NOT NULL REFERENCES programmes (id),
	kind            TEXT NOT NULL CHECK (kind IN ('may_moc', 'day_chuyen', 'mo_hinh')),
	what            TEXT NOT NULL,
	supplier        TEXT NOT NULL DEFAULT '',
	requested_on    TEXT NOT NULL,
	investment      INTEGER NOT NULL CHECK (investment > 0),
	requested       INTEGER NOT NULL DEFAULT 0 CHECK (requested >= 0),
	approved        INTEGER NOT NULL DEFAULT 0 CHECK (approved >= 0),
	rule            TEXT NOT NULL DEFAULT '{}',
	over_cap_reason TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL CHECK (status IN ('de_nghi', 'duoc_duyet', 'da_nghiem_thu', 'da_thanh_toan', 'tu_choi')),
	refusal_reason  TEXT NOT NULL DEFAULT '',
	accepted_on     TEXT NOT NULL DEFAULT '',
	paid_on         TEXT NOT NULL DEFAULT '',
	documents       TEXT NOT NULL DEFAULT '',
	words           TEXT NOT NULL DEFAULT '',
	version         INTEGER NOT NULL DEFAULT 1,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL
);
CREATE INDEX equipment_enterprise ON equipment (enterprise_id);
CREATE INDEX equipment_programme ON equipment (programme_id, status);
CREATE INDEX equipment_requested ON equipment (requested_on, id);

-- At most one of class_id, booking_id, equipment_id is set; none means the đề án's general costs.
CREATE TABLE payments (
	id           INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes (id),
	kind         TEXT NOT NULL CHECK (kind IN ('tam_ung', 'thanh_toan')),
	paid_on      TEXT NOT NULL,
	amount       INTEGER NOT NULL CHECK (amount > 0),
	voucher      TEXT NOT NULL,
	class_id     INTEGER REFERENCES classes (id),
	booking_id   INTEGER REFERENCES fair_bookings (id),
	equipment_id INTEGER REFERENCES equipment (id),
	notes        TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	CHECK ((class_id IS NOT NULL) + (booking_id IS NOT NULL) + (equipment_id IS NOT NULL) <= 1)
);
CREATE INDEX payments_programme ON payments (programme_id, paid_on);
CREATE INDEX payments_class ON payments (class_id) WHERE class_id IS NOT NULL;
CREATE INDEX payments_booking ON payments (booking_id) WHERE booking_id IS NOT NULL;
CREATE INDEX payments_equipment ON payments (equipment_id) WHERE equipment_id IS NOT NULL;

ALTER TABLE classes ADD COLUMN programme_id INTEGER REFERENCES programmes (id);
ALTER TABLE classes ADD COLUMN village_id INTEGER REFERENCES villages (id);
CREATE INDEX classes_programme ON classes (programme_id) WHERE programme_id IS NOT NULL;
CREATE INDEX classes_village ON classes (village_id) WHERE village_id IS NOT NULL;

ALTER TABLE fairs ADD COLUMN programme_id INTEGER REFERENCES programmes (id);
CREATE INDEX fairs_programme ON fairs (programme_id) WHERE programme_id IS NOT NULL;

ALTER TABLE enterprises ADD COLUMN village_id INTEGER REFERENCES villages (id);
CREATE INDEX enterprises_village ON enterprises (village_id) WHERE village_id IS NOT NULL;

-- The craft villages the register already names become villages of the register, in the ward
-- most of their enterprises are in, and their enterprises point to them.
INSERT INTO villages (name, ward_code, trade, words, created_at, updated_at)
SELECT v.craft_village,
	(SELECT e.ward_code FROM enterprises e WHERE e.craft_village = v.craft_village AND e.ward_code IS NOT NULL
		GROUP BY e.ward_code ORDER BY count(*) DESC, e.ward_code LIMIT 1),
	(SELECT e.trade FROM enterprises e WHERE e.craft_village = v.craft_village AND e.trade <> ''
		GROUP BY e.trade ORDER BY count(*) DESC, e.trade LIMIT 1),
	'', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM (SELECT DISTINCT craft_village FROM enterprises WHERE craft_village <> '') v;
UPDATE villages SET words = enterprise_words(name, trade);
UPDATE enterprises SET village_id = (SELECT id FROM villages WHERE name = enterprises.craft_village)
WHERE craft_village <> '';
