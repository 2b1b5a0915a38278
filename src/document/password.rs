//! The user password of encrypted PDFs (`--password`, `--password-file`,
//! `RAPPORTEUR_PASSWORD`): a secret that is handed to the PDF reader and to
//! nothing else. Its `Debug` form is redacted, it has no `Display` and no
//! `Serialize`, so it cannot reach a report, the manifest or a message by
//! accident.

use std::fmt;

/// A password to open encrypted PDFs with.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn new(password: impl Into<String>) -> Password {
        Password(password.into())
    }

    /// The password as the PDF reader takes it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The password in the first line of a password file's contents (its
    /// line ending dropped; the rest of the file ignored).
    pub fn from_file_contents(contents: &str) -> Password {
        let line = contents.split('\n').next().unwrap_or("");
        Password::new(line.strip_suffix('\r').unwrap_or(line))
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_password() {
        let p = Password::new("hunter2");
        assert!(!format!("{p:?}").contains("hunter2"));
        assert_eq!(p.expose(), "hunter2");
    }

    #[test]
    fn a_file_gives_its_first_line() {
        assert_eq!(Password::from_file_contents("s3cret\r\nnext\n").expose(), "s3cret");
        assert_eq!(Password::from_file_contents("s3cret").expose(), "s3cret");
        assert_eq!(Password::from_file_contents(" sp ace \n").expose(), " sp ace ");
    }
}
