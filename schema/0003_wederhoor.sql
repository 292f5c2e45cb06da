-- veldtoets inspection file, schema version 3: after the visit (hoor en wederhoor).
--
-- Six record kinds, versioned like every other (immutable revisions, `vervangt`, tombstones):
-- the phase of the onderzoek (one record; every step is a revision, so its history is the audit
-- trail of sending the concept, vaststellen and heropenen), the organisation's reacties on the
-- conceptrapport, the inspectorate's besluit on each reactie (one record per reactie), the
-- privacy findings an inspecteur kept explicitly before sending the concept, the verbeterpunten
-- as edited per onvoldoende verwachting, and the Samenvatting and Conclusie the inspecteurs wrote.

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

-- The verbeterpunt of an onvoldoende verwachting as an inspecteur wrote it; one record per
-- verwachting (id derived from it). A verbeterpunt never edited is derived from the verwachting
-- and not stored; a tombstone returns to that derived text.
CREATE TABLE verbeterpunt (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    verwachting  TEXT NOT NULL,          -- '1.3.2'
    tekst        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX verbeterpunt_id ON verbeterpunt (id);

-- A free-text block of the rapport written by the inspecteurs beside the generated counts: the
-- Samenvatting or the Conclusie; one record per block (id derived from its name). A tombstone
-- removes the block from the rapport.
CREATE TABLE rapporttekst (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    blok         TEXT NOT NULL CHECK (blok IN ('samenvatting', 'conclusie')),
    tekst        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX rapporttekst_id ON rapporttekst (id);
