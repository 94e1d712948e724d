-- The administrative catalogues, loaded from assets.Catalogue by Open.
CREATE TABLE divisions (
	code     TEXT PRIMARY KEY,
	level    TEXT NOT NULL CHECK (level IN ('ward', 'district')),
	kind     TEXT NOT NULL,
	name     TEXT NOT NULL,
	name_key BLOB NOT NULL,
	province TEXT NOT NULL DEFAULT 'Hà Nội'
);

-- The register of enterprises. *_key columns hold vn sort keys, so ORDER BY on them is the
-- Vietnamese order and can use an index.
CREATE TABLE enterprises (
	id            INTEGER PRIMARY KEY,
	kind          TEXT NOT NULL,
	name          TEXT NOT NULL,
	name_key      BLOB NOT NULL,
	tax_code      TEXT NOT NULL DEFAULT '',
	rep_family    TEXT NOT NULL DEFAULT '',
	rep_middle    TEXT NOT NULL DEFAULT '',
	rep_given     TEXT NOT NULL DEFAULT '',
	rep_key       BLOB NOT NULL,
	phone         TEXT NOT NULL DEFAULT '',
	email         TEXT NOT NULL DEFAULT '',
	address       TEXT NOT NULL DEFAULT '',
	ward_code     TEXT REFERENCES divisions (code),
	ward_key      BLOB NOT NULL DEFAULT x'', -- the ward's name key, kept here so a sort by ward uses an index
	district_code TEXT REFERENCES divisions (code),
	trade         TEXT NOT NULL DEFAULT '',
	trade_key     BLOB NOT NULL,
	craft_village TEXT NOT NULL DEFAULT '',
	workers       INTEGER NOT NULL DEFAULT 0 CHECK (workers >= 0),
	products      TEXT NOT NULL DEFAULT '',
	notes         TEXT NOT NULL DEFAULT '',
	archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	words         TEXT NOT NULL DEFAULT '', -- what enterprise_search holds for the row: a broad search walks these
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX enterprises_tax_code_unique ON enterprises (tax_code) WHERE tax_code <> '';
CREATE INDEX enterprises_name ON enterprises (name_key);
CREATE INDEX enterprises_rep ON enterprises (rep_key);
CREATE INDEX enterprises_trade ON enterprises (trade_key);
-- Kinds sort by their Vietnamese labels: Cơ sở, Doanh nghiệp nhỏ, siêu nhỏ, vừa, Hộ kinh doanh,
-- Hợp tác xã, Tổ hợp tác. The store orders by the same expression, so this index serves it.
CREATE INDEX enterprises_kind ON enterprises (CASE kind WHEN 'co_so' THEN 0 WHEN 'nho' THEN 1
	WHEN 'sieu_nho' THEN 2 WHEN 'vua' THEN 3 WHEN 'hkd' THEN 4 WHEN 'htx' THEN 5 WHEN 'tht' THEN 6 ELSE 7 END);
CREATE INDEX enterprises_tax_code ON enterprises (tax_code);
CREATE INDEX enterprises_phone ON enterprises (phone);
CREATE INDEX enterprises_workers ON enterprises (workers);
CREATE INDEX enterprises_ward ON enterprises (ward_code);
CREATE INDEX enterprises_ward_key ON enterprises (ward_key);
CREATE INDEX enterprises_archived ON enterprises (archived);

-- The folded search index: rowid is enterprises.id, text is vn.Fold of the searchable fields,
-- written by the store in Go (FTS5 folds tone marks but not đ), state is "current" or "archived"
-- so that a search over current enterprises is answered by the index alone. The store queries
-- words, never phrases, so the index keeps no positions (detail = column): smaller and faster.
CREATE VIRTUAL TABLE enterprise_search USING fts5 (
	text,
	state,
	content = '',
	contentless_delete = 1,
	detail = column,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- Settings shared by everyone who uses the database.
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The audit trail: one row for every write.
CREATE TABLE audit (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	user      TEXT NOT NULL,
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id INTEGER,
	detail    TEXT NOT NULL DEFAULT ''
);
