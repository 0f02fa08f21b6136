//! The fonts a PDF needs, found at run time in the system's font folders (never embedded in the binary: the
//! CJK collection alone is 20 MB). Each script names the Debian package that brings its font, so a missing
//! font is a message an administrator can act on, not boxes in a signed record.

use std::path::PathBuf;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook};

/// The folders Debian's Noto packages install into.
pub const DEFAULT_DIRS: [&str; 2] = [
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/truetype/noto",
];

/// A writing system the record may contain, with the files that render it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// English and the Latin parts of every text.
    Latin,
    /// Simplified Chinese.
    Han,
    /// Urdu in Nastaliq.
    Arabic,
}

impl Script {
    /// The font files this script needs, regular and bold.
    fn files(self) -> &'static [&'static str] {
        match self {
            Script::Latin => &["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"],
            Script::Han => &["NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"],
            Script::Arabic => &["NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf"],
        }
    }

    /// The Debian package that installs those files.
    pub fn package(self) -> &'static str {
        match self {
            Script::Latin | Script::Arabic => "fonts-noto-core",
            Script::Han => "fonts-noto-cjk",
        }
    }

    /// What the script is called in a message.
    fn label(self) -> &'static str {
        match self {
            Script::Latin => "Latin text",
            Script::Han => "Chinese text",
            Script::Arabic => "Urdu text",
        }
    }

    /// The scripts `text` uses beyond Latin, which is always needed.
    pub fn used_in(text: &str) -> Vec<Script> {
        let mut out = vec![Script::Latin];
        let han = text.chars().any(|c| {
            matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
        });
        let arabic = text
            .chars()
            .any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'));
        if han {
            out.push(Script::Han);
        }
        if arabic {
            out.push(Script::Arabic);
        }
        out
    }
}

/// The loaded faces and typst's index of them. Loaded once per process and shared.
pub struct FontSet {
    pub(super) book: typst::utils::LazyHash<FontBook>,
    pub(super) fonts: Vec<Font>,
    loaded: Vec<Script>,
    dirs: Vec<PathBuf>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet")
            .field("faces", &self.fonts.len())
            .field("scripts", &self.loaded)
            .field("dirs", &self.dirs)
            .finish()
    }
}

fn find(dirs: &[PathBuf], file: &str) -> Option<PathBuf> {
    dirs.iter().map(|d| d.join(file)).find(|p| p.is_file())
}

impl FontSet {
    /// Loads every script's fonts that `dirs` hold. Latin is required; Chinese and Urdu are checked per
    /// document by [`FontSet::require`], so a deployment that never writes them needs no CJK package.
    pub fn load(dirs: &[PathBuf]) -> Result<FontSet, String> {
        let mut fonts = Vec::new();
        let mut loaded = Vec::new();
        for script in [Script::Latin, Script::Han, Script::Arabic] {
            let paths: Vec<PathBuf> = script
                .files()
                .iter()
                .filter_map(|f| find(dirs, f))
                .collect();
            if paths.len() < script.files().len() {
                continue;
            }
            for path in paths {
                let data = std::fs::read(&path)
                    .map_err(|e| format!("cannot read the font {}: {e}", path.display()))?;
                let before = fonts.len();
                fonts.extend(Font::iter(Bytes::new(data)));
                if fonts.len() == before {
                    return Err(format!(
                        "{} is not a font file typst can read",
                        path.display()
                    ));
                }
            }
            loaded.push(script);
        }
        let set = FontSet {
            book: typst::utils::LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            loaded,
            dirs: dirs.to_vec(),
        };
        set.require(&[Script::Latin])?;
        Ok(set)
    }

    /// Loads from the configured folders, or Debian's when none are configured.
    pub fn load_default(configured: &[PathBuf]) -> Result<FontSet, String> {
        if configured.is_empty() {
            let dirs: Vec<PathBuf> = DEFAULT_DIRS.iter().map(PathBuf::from).collect();
            Self::load(&dirs)
        } else {
            Self::load(configured)
        }
    }

    /// Fails, naming the package to install, when a script the document uses has no font.
    pub fn require(&self, scripts: &[Script]) -> Result<(), String> {
        for s in scripts {
            if !self.loaded.contains(s) {
                let wanted = s.files().join(" and ");
                let dirs: Vec<String> = self.dirs.iter().map(|d| d.display().to_string()).collect();
                return Err(format!(
                    "{} needs the fonts {wanted}, which are not in {}: install Debian's {} package \
                     (or set font_dirs to the folder that holds them)",
                    s.label(),
                    dirs.join(" or "),
                    s.package()
                ));
            }
        }
        Ok(())
    }

    /// The scripts that have fonts.
    pub fn scripts(&self) -> &[Script] {
        &self.loaded
    }

    /// The folders searched.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }
}
