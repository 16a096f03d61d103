// What the cleaning's parts in DuckDB share: their files and the first contract error of an export.
import type { ContractError } from "./contract-error";
import type { RawExport } from "./raw-export";

/** The exports a part cleans (with each one's index among all the data folder's files) and the key of ids. */
export interface PartFiles {
  sources: { file: string; path: string; index: number }[];
  idKey: string;
}

/** A rule broken in an export: the first row that breaks it, the rule's place among the rules of a row, and its error. */
export interface Fault {
  rowid: number;
  order: number;
  error: () => never | Promise<never>;
}

/** Throws the contract error of the export's first fault (by row, then rule), else the one that stopped its reading. */
export async function firstFault(faults: readonly Fault[], raw: RawExport): Promise<void> {
  const first = [...faults].sort((a, b) => a.rowid - b.rowid || a.order - b.order)[0];
  if (first) await first.error();
  if (raw.pending) throw raw.pending as ContractError;
}

