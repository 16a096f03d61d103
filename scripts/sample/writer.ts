// Buffered synchronous file writing, so a million-row export streams out without holding the file in memory.
import { closeSync, openSync, writeSync } from "node:fs";
import { csvCell } from "../../src/components/csv";

export class CsvWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;

  constructor(
    path: string,
    private readonly lineEnd: string,
    bom: boolean,
  ) {
    this.fd = openSync(path, "w");
    if (bom) this.push("\ufeff");
  }

  row(cells: readonly string[]): void {
    this.push(cells.map(csvCell).join(",") + this.lineEnd);
  }

  private push(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
