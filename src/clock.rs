//! Where the app reads the clock. The domain never does: ids and times reach it as a [`Stamp`],
//! so the core stays deterministic and testable. `Stamp::now()` is an inherent method of the
//! domain type, implemented here so that the domain module itself contains no clock call (the
//! tidy test, `tests/suite/tidy.rs`, enforces that).

use jiff::Timestamp;
use uuid::Uuid;

use crate::domain::inspection::Stamp;

impl Stamp {
    /// A fresh stamp from the system clock, to the millisecond (UUIDv7 embeds the same clock).
    pub fn now() -> Stamp {
        let now = Timestamp::now();
        Stamp {
            rev: Uuid::now_v7(),
            at: Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now),
        }
    }
}
