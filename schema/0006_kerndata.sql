-- veldtoets inspection file, schema version 6: kerndata and a chosen eindoordeel, for kaders that
-- ask for figures about the organisation (`[[kerngegeven]]`) or have the inspecteur choose the
-- eindoordeel (`maat = "keuze"`, seed 001: a category per organisation). Both are versioned like
-- every other record, so a merge keeps every version and names a disagreement.

-- The value of one kerngegeven; id = the kerngegeven's id in the kader.
CREATE TABLE kerngegeven (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    waarde       TEXT NOT NULL DEFAULT '',   -- "4250000.5": a dot before decimals; '' = unknown
    toelichting  TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX kerngegeven_id ON kerngegeven (id);

-- The eindoordeel chosen by the inspecteur (one record per onderzoek).
CREATE TABLE gekozen_eindoordeel (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    eindoordeel  TEXT NOT NULL DEFAULT '',   -- an eindoordeel id of the kader; '' = none chosen
    onderbouwing TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX gekozen_eindoordeel_id ON gekozen_eindoordeel (id);
