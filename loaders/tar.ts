// A minimal ustar writer: the clean tables leave one loader run as one archive, from which Framework
// extracts each file a page asks for (src/data/clean.tar.ts → FileAttachment("data/clean/x.parquet")).

import { createReadStream, statSync } from "node:fs";
import type { Writable } from "node:stream";

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

function header(name: string, size: number, mtime: number): Uint8Array {
  const block = new Uint8Array(BLOCK);
  field(block, 0, 100, name);
  field(block, 100, 8, octal(0o644, 8));
  field(block, 108, 8, octal(0, 8));
  field(block, 116, 8, octal(0, 8));
  field(block, 124, 12, octal(size, 12));
  field(block, 136, 12, octal(mtime, 12));
  field(block, 148, 8, "        "); // checksum is computed with its own field as spaces
  field(block, 156, 1, "0");
  field(block, 257, 6, "ustar\0");
  field(block, 263, 2, "00");
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  field(block, 148, 8, checksum.toString(8).padStart(6, "0") + "\0 ");
  return block;
}

const padding = (size: number) => new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);

export function tar(entries: readonly TarEntry[], mtime = 0): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const { name, bytes } of entries) chunks.push(header(name, bytes.length, mtime), bytes, padding(bytes.length));
  chunks.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The same archive of files on disk, written to `out` piece by piece (a file is never held whole). */
export async function writeTar(out: Writable, entries: readonly { name: string; path: string }[], mtime = 0): Promise<void> {
  const write = (bytes: Uint8Array) => new Promise<void>((resolve, reject) => out.write(bytes, (error) => (error ? reject(error) : resolve())));
  for (const { name, path } of entries) {
    const { size } = statSync(path);
    await write(header(name, size, mtime));
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) await write(chunk as Buffer);
    await write(padding(size));
  }
  await write(new Uint8Array(BLOCK * 2));
}
