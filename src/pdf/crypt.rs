//! Encryption that leaves the pages in clear: PDFs whose only encrypted
//! parts are their attachments.
//!
//! A security handler of version 4 or 5 encrypts through named crypt
//! filters: `/StmF` for streams, `/StrF` for strings, `/EFF` for embedded
//! files. When the first two are `/Identity` (the default when absent), the
//! page contents and strings are stored in clear and only attachments need
//! the password (the "encrypted attachments" mode of Acrobat and qpdf, often
//! with `/AuthEvent /EFOpen`). lopdf treats any `/Encrypt` it cannot
//! authenticate as locking the whole file and loads no objects, so such a
//! file is read again with the trailer's `/Encrypt` entry renamed (same
//! length, so every byte offset stays valid): the pages load as an
//! unencrypted file's would, and the attachments, which we never read, stay
//! encrypted.
//!
//! Hands on: [`only_attachments_encrypted`] (the decision, from the
//! `/Encrypt` dictionary) and [`without_encrypt_entry`] (the bytes to load).

use lopdf::{Dictionary, Document, Object};

/// Whether `doc`'s `/Encrypt` dictionary leaves streams and strings in clear:
/// version 4 or later with `/StmF` and `/StrF` both `/Identity` or absent.
pub fn only_attachments_encrypted(doc: &Document) -> bool {
    let Some(encrypt) = encrypt_dict(doc) else {
        return false;
    };
    let version = encrypt.get(b"V").ok().and_then(|v| v.as_i64().ok()).unwrap_or(0);
    let identity = |key: &[u8]| match encrypt.get(key) {
        Err(_) => true,
        Ok(Object::Name(n)) => n == b"Identity",
        Ok(_) => false,
    };
    version >= 4 && identity(b"StmF") && identity(b"StrF")
}

fn encrypt_dict(doc: &Document) -> Option<&Dictionary> {
    match doc.trailer.get(b"Encrypt").ok()? {
        Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

/// `bytes` with every `/Encrypt` dictionary entry (a name followed by a
/// reference `N G R` or a dictionary `<<`) renamed to `/Encrypx`, a key no
/// reader knows. `/EncryptMetadata` and the word in other contexts are left
/// alone.
pub fn without_encrypt_entry(bytes: &[u8]) -> Vec<u8> {
    const KEY: &[u8] = b"/Encrypt";
    let mut out = bytes.to_vec();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], KEY).map(|i| from + i) {
        let value = at + KEY.len();
        if introduces_entry_value(&bytes[value..]) {
            out[value - 1] = b'x';
        }
        from = value;
    }
    out
}

/// Whether `rest` (the bytes after a key) starts, after white space, with a
/// dictionary or an indirect reference.
fn introduces_entry_value(rest: &[u8]) -> bool {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0');
    let rest = &rest[rest.iter().take_while(|b| is_space(b)).count()..];
    if rest.starts_with(b"<<") {
        return true;
    }
    // N G R
    let mut parts = rest.splitn(3, |b| is_space(b));
    let number = |p: Option<&[u8]>| p.is_some_and(|p| !p.is_empty() && p.iter().all(u8::is_ascii_digit));
    number(parts.next()) && number(parts.next()) && parts.next().is_some_and(|p| p.first() == Some(&b'R'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_only_the_entry() {
        let bytes =
            b"trailer << /Encrypt 12 0 R /Root 1 0 R >> << /Encrypt<</V 5>> >> /EncryptMetadata false (/Encrypt me)";
        let out = without_encrypt_entry(bytes);
        assert_eq!(out.len(), bytes.len());
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "trailer << /Encrypx 12 0 R /Root 1 0 R >> << /Encrypx<</V 5>> >> /EncryptMetadata false (/Encrypt me)"
        );
    }
}
