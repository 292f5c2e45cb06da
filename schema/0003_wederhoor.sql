-- veldtoets inspection file, schema version 3: after the visit (hoor en wederhoor).
--
-- Four record kinds, versioned like every other (immutable revisions, `vervangt`, tombstones):
-- the phase of the onderzoek (one record; every step is a revision, so its history is the audit
-- trail of sending the concept, vaststellen and heropenen), the organisation's reacties on the
-- conceptrapport, the inspectorate's besluit on each reactie (one record per reactie), and the
-- privacy findings an inspecteur kept explicitly before sending the concept.

CREATE TABLE fase (
    rev               TEXT PRIMARY KEY,
    id                TEXT NOT NULL,
    inspecteur        TEXT NOT NULL REFERENCES inspecteur (id),
    tijd              TEXT NOT NULL,
    verwijderd        INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    fase              TEXT NOT NULL CHECK (fase IN ('in_uitvoering', 'concept_verzonden', 'vastgesteld')),
    concept_verzonden TEXT,              -- date (jjjj-mm-dd)
    concept_hash      TEXT,              -- SHA-256 of the conceptrapport PDF as sent
    concept_tekst     TEXT NOT NULL DEFAULT '',  -- its text as sent
    vastgesteld       TEXT,              -- date
    heropend_reden    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX fase_id ON fase (id);

CREATE TABLE reactie (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    ontvangen    TEXT,                   -- date
    van          TEXT NOT NULL DEFAULT '',  -- a function, never a name
    paragraaf    TEXT,
    verwachting  TEXT,
    soort        TEXT NOT NULL CHECK (soort IN ('feitelijk', 'aanvulling', 'zienswijze')),
    tekst        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX reactie_id ON reactie (id);

CREATE TABLE besluit (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    reactie      TEXT NOT NULL,
    besluit      TEXT NOT NULL CHECK (besluit IN ('overgenomen', 'deels', 'niet')),
    motivering   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX besluit_id ON besluit (id);

-- A privacy finding (a dossier number, a BSN-like number, … in text the rapport carries) kept
-- explicitly by an inspecteur, with the reason; one record per place and fragment.
CREATE TABLE vrijgave (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    plaats       TEXT NOT NULL,          -- 'onderbouwing 1.3.1'
    fragment     TEXT NOT NULL,
    reden        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX vrijgave_id ON vrijgave (id);
