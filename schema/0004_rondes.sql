-- veldtoets inspection file, schema version 4: what a besluit changed, rounds of a hertoets,
-- the oordeel per criterium, interview participants counted per function, the peildatum, the
-- steekproef, and the wachtlijst per zaak with its contacts.

-- Per besluit on a reactie, the oordeel versions that changed because of it: a JSON object of
-- verwachting id → the revision (`oordeel.rev`) written for it, e.g. {"1.3.1": "0f9a…"}. A
-- besluit recorded before this version changed nothing on record: '{}'.
ALTER TABLE besluit ADD COLUMN wijzigingen TEXT NOT NULL DEFAULT '{}';

-- Every earlier round of a hertoets (a chain stap 1 → hertoets → second hertoets keeps them
-- all), read-only: what that round concluded, copied in when the hertoets file was made.
-- `oordelen` and `criteria` are JSON objects of verwachting / criterium id →
-- {"oordeel": "onvoldoende", "onderbouwing": "…"} (a criterion oordeel is a scale code: "M").
CREATE TABLE ronde (
    onderzoek    TEXT PRIMARY KEY,           -- the earlier onderzoek's id
    volgorde     INTEGER NOT NULL,           -- 1 = the first round
    naam         TEXT NOT NULL,              -- 'Onderzoek', 'Hertoets', 'Tweede hertoets'
    omschrijving TEXT NOT NULL,
    datum        TEXT,                       -- first visit day (jjjj-mm-dd)
    eindoordeel  TEXT CHECK (eindoordeel IN ('voldoende', 'matig', 'onvoldoende')),
    oordelen     TEXT NOT NULL CHECK (json_valid(oordelen)),
    criteria     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(criteria))
) STRICT;

-- The single earlier round of version 1-3 (oordelen only) becomes the first round.
INSERT INTO ronde (onderzoek, volgorde, naam, omschrijving, datum, eindoordeel, oordelen, criteria)
SELECT onderzoek, 1, 'Onderzoek', omschrijving, datum, NULL,
       (SELECT json_group_object(key, json_object('oordeel', value, 'onderbouwing', ''))
          FROM json_each(eerdere_ronde.oordelen)),
       '{}'
  FROM eerdere_ronde;
DROP TABLE eerdere_ronde;

-- The inspectors' own oordeel per criterium (kaders with criterion oordelen, e.g. stap 1:
-- V / M / O), versioned like every other record; id = the criterium id.
CREATE TABLE criteriumoordeel (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    oordeel      TEXT NOT NULL DEFAULT '',   -- a code of the kader's scale; '' = not judged
    onderbouwing TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX criteriumoordeel_id ON criteriumoordeel (id);

-- Interview participants counted per function (never names): JSON {"uitvoerend medewerker": "3"}.
ALTER TABLE interview ADD COLUMN aantallen TEXT NOT NULL DEFAULT '{}';

-- The peildatum of the onderzoek: open dossiers are measured against their termijnen up to this
-- date; NULL means the first visit day.
ALTER TABLE onderzoek_gegevens ADD COLUMN peildatum TEXT;

-- A steekproef of dossiers drawn from the organisation's list of dossier numbers: the seed and
-- the frame size, so it can be redone and Bijlage 2 can say "12 dossiers, willekeurig getrokken
-- uit 340"; the dossiers drawn are ordinary dossier records (selectie 'willekeurig').
CREATE TABLE steekproef (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    zaad         TEXT NOT NULL,              -- u64 in decimal
    populatie    INTEGER,
    aantal       INTEGER,
    getrokken    TEXT NOT NULL DEFAULT '',   -- one number per line, in the order drawn
    bron         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX steekproef_id ON steekproef (id);

-- The wachtlijst per zaak: the households waiting (pseudonymous number, melding date, priority,
-- what they wait for) and the contacts about safety while they wait (date, with whom by
-- function, never a name): zicht op veiligheid.
CREATE TABLE wachtzaak (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    nummer       TEXT NOT NULL,              -- pseudonymous number only
    melding      TEXT,                       -- date
    prioriteit   TEXT NOT NULL CHECK (prioriteit IN ('hoog', 'normaal')),
    wacht_op     TEXT NOT NULL CHECK (wacht_op IN ('veiligheidsbeoordeling', 'onderzoek', 'vv')),
    notitie      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX wachtzaak_id ON wachtzaak (id);

CREATE TABLE contact (
    rev          TEXT PRIMARY KEY,
    id           TEXT NOT NULL,
    inspecteur   TEXT NOT NULL REFERENCES inspecteur (id),
    tijd         TEXT NOT NULL,
    verwijderd   INTEGER NOT NULL DEFAULT 0 CHECK (verwijderd IN (0, 1)),
    zaak         TEXT NOT NULL,              -- wachtzaak.id
    datum        TEXT,                       -- date
    met          TEXT NOT NULL DEFAULT '',   -- a function, never a name
    notitie      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX contact_id ON contact (id);
