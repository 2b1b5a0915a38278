//! A PDF written object by object with a correct cross-reference table,
//! for tests that need damage, streams or sizes exactly where a case puts
//! them.

/// A PDF written object by object with a correct cross-reference table, so
/// that damage can be put exactly where a case needs it.
pub struct RawPdf {
    objects: Vec<Vec<u8>>,
}

impl Default for RawPdf {
    fn default() -> Self {
        Self::new()
    }
}

impl RawPdf {
    /// Object 1 is the catalog; objects are numbered from 1 in order.
    pub fn new() -> Self {
        RawPdf { objects: Vec::new() }
    }

    pub fn obj(mut self, body: impl AsRef<[u8]>) -> Self {
        self.objects.push(body.as_ref().to_vec());
        self
    }

    /// A stream object body: `<< extra /Length n >> stream ... endstream`.
    pub fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
        let mut v = format!("<< {extra} /Length {} >>\nstream\n", data.len()).into_bytes();
        v.extend_from_slice(data);
        v.extend_from_slice(b"\nendstream");
        v
    }

    /// The file, and the offset of the `xref` keyword.
    pub fn build_with_xref_offset(&self) -> (Vec<u8>, usize) {
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).bytes());
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .bytes(),
        );
        (out, xref)
    }

    pub fn build(&self) -> Vec<u8> {
        self.build_with_xref_offset().0
    }
}
