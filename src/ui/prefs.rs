//! UI preferences, persisted apart from inspection data: a small JSON file in the user's config
//! directory (`voorkeuren.json`), written atomically. A missing or unreadable file gives the
//! defaults; preferences never block opening the app.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files the start screen remembers.
const MAX_RECENT: usize = 8;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// The name edits are attributed to.
    pub inspecteur: String,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    /// The folder the file chooser starts in.
    pub last_dir: Option<PathBuf>,
    /// The folder the last new inspection was made in: the default for the next one (else the
    /// documents folder).
    pub new_dir: Option<PathBuf>,
}

/// Where the app keeps its own files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    /// Holds `voorkeuren.json`.
    pub config: PathBuf,
    /// Holds demo inspections.
    pub data: PathBuf,
    /// The user's documents folder, the default place for new inspection files.
    pub documents: PathBuf,
}

impl AppDirs {
    /// The platform's directories (XDG on Linux), or folders under the temp dir if there is no
    /// home directory.
    pub fn system() -> AppDirs {
        let project = directories::ProjectDirs::from("nl", "veldtoets", "veldtoets");
        let fallback = std::env::temp_dir().join("veldtoets");
        let documents = directories::UserDirs::new()
            .and_then(|u| {
                u.document_dir()
                    .map(Path::to_path_buf)
                    .or_else(|| Some(u.home_dir().to_path_buf()))
            })
            .unwrap_or_else(|| fallback.clone());
        match project {
            Some(p) => AppDirs {
                config: p.config_dir().to_path_buf(),
                data: p.data_dir().to_path_buf(),
                documents,
            },
            None => AppDirs {
                config: fallback.join("config"),
                data: fallback.join("data"),
                documents,
            },
        }
    }

    /// All under one folder (tests).
    pub fn under(root: &Path) -> AppDirs {
        AppDirs {
            config: root.join("config"),
            data: root.join("data"),
            documents: root.join("documenten"),
        }
    }

    fn prefs_file(&self) -> PathBuf {
        self.config.join("voorkeuren.json")
    }
}

impl Prefs {
    pub fn load(dirs: &AppDirs) -> Prefs {
        std::fs::read(dirs.prefs_file())
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dirs: &AppDirs) -> std::io::Result<()> {
        std::fs::create_dir_all(&dirs.config)?;
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(&dirs.prefs_file(), &bytes)
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(MAX_RECENT);
        self.last_dir = path.parent().map(Path::to_path_buf);
    }

    /// The inspector name to use: the preference, else the login name.
    pub fn inspector_name(&self) -> String {
        if !self.inspecteur.trim().is_empty() {
            return self.inspecteur.trim().to_string();
        }
        std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .ok()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| "inspecteur".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefs_round_trip_and_recent_list() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::under(dir.path());
        assert_eq!(Prefs::load(&dirs), Prefs::default());
        let mut prefs = Prefs::default();
        for i in 0..10 {
            prefs.remember(&dir.path().join(format!("{i}.veldtoets")));
        }
        prefs.remember(&dir.path().join("3.veldtoets"));
        assert_eq!(prefs.recent.len(), MAX_RECENT);
        assert_eq!(prefs.recent[0], dir.path().join("3.veldtoets"));
        prefs.inspecteur = "E. Voorbeeld".into();
        prefs.save(&dirs).unwrap();
        assert_eq!(Prefs::load(&dirs), prefs);
    }

    #[test]
    fn a_broken_prefs_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = AppDirs::under(dir.path());
        std::fs::create_dir_all(&dirs.config).unwrap();
        std::fs::write(dirs.prefs_file(), "{ kapot").unwrap();
        assert_eq!(Prefs::load(&dirs), Prefs::default());
    }
}
