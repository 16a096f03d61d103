import { writeParquetToStdout } from "../../loaders/parquet.js";
await writeParquetToStdout(
  [{ name: "cohort", type: "VARCHAR" }, { name: "n", type: "INTEGER" }, { name: "program_end", type: "DATE" }],
  [{ cohort: "Summer 2022", n: 20, program_end: "2022-08-01" }, { cohort: "Summer 2023", n: 30, program_end: "2023-08-01" }],
);
