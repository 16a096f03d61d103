// A minimal ustar writer: the clean tables leave one loader run as one archive, from which Framework
// extracts each file a page asks for (src/data/clean.tar.ts → FileAttachment("data/clean/x.parquet")).

const BLOCK = 512;

function field(header: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > length) throw new Error(`tar: '${text}' does not fit in ${length} bytes`);
  header.set(bytes, offset);
}

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, "0") + "\0";
}

export interface TarEntry {
  name: string;
  bytes: Uint8Array;
}

export function tar(entries: readonly TarEntry[], mtime = 0): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const { name, bytes } of entries) {
    const header = new Uint8Array(BLOCK);
    field(header, 0, 100, name);
    field(header, 100, 8, octal(0o644, 8));
    field(header, 108, 8, octal(0, 8));
    field(header, 116, 8, octal(0, 8));
    field(header, 124, 12, octal(bytes.length, 12));
    field(header, 136, 12, octal(mtime, 12));
    field(header, 148, 8, "        "); // checksum is computed with its own field as spaces
    field(header, 156, 1, "0");
    field(header, 257, 6, "ustar\0");
    field(header, 263, 2, "00");
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    field(header, 148, 8, checksum.toString(8).padStart(6, "0") + "\0 ");
    chunks.push(header, bytes, new Uint8Array((BLOCK - (bytes.length % BLOCK)) % BLOCK));
  }
  chunks.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
