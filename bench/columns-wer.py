#!/usr/bin/env python3
"""WER of rapporteur and pdftotext on the multi-column PDFs from real producers
(word-level edit distance over the truth length, quotes and U+2010/U+2011 folded).
Run from the crate root after cargo build --release."""
import subprocess,sys
def fold(s):
    for a,b in [('\u2018',"'"),('\u2019',"'"),('\u201a',"'"),('\u201b',"'"),('\u2032',"'"),('\u201c','"'),('\u201d','"'),('\u201e','"'),('\u201f','"'),('\u2033','"'),('\u2010','-'),('\u2011','-')]:
        s=s.replace(a,b)
    return s.split()
def wer(t,g):
    prev=list(range(len(g)+1))
    for i,x in enumerate(t):
        cur=[i+1]+[0]*len(g)
        for j,y in enumerate(g):
            cur[j+1]=min(prev[j]+(x!=y),prev[j+1]+1,cur[j]+1)
        prev=cur
    return prev[-1]/max(1,len(t))
for pdf,truth in [("fixtures/pdf/columns/lo-2col.pdf","fixtures/pdf/columns/lo-2col.truth.txt"),("fixtures/pdf/variants/chromium-twocol.pdf","fixtures/pdf/variants/chromium-twocol.truth.txt"),("fixtures/pdf/variants/chromium-threecol.pdf","fixtures/pdf/variants/chromium-threecol.truth.txt"),("/work/shared/corpus/seed/chromium-2col.pdf","/work/shared/corpus/seed/ground-truth.txt")]:
    t=fold(open(truth).read())
    ours=subprocess.run(["target/release/rapporteur","extract","--text",pdf],capture_output=True,text=True).stdout
    pt=subprocess.run(["pdftotext",pdf,"-"],capture_output=True,text=True).stdout
    print(f"| {pdf} | {wer(t,fold(ours))*100:.2f}% | {wer(t,fold(pt))*100:.2f}% |")
