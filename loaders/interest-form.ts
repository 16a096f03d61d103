// Reads an interest-form export (Google Forms): who heard of the program how, at which career stage.
import { readFormTimestamp, requireWidth } from "./google-forms";
import { splitCheckbox } from "./checkbox";
import { normaliseCohort } from "./cohort";
import { ContractError } from "./contract-error";
import { splitHeader, type CsvRecord } from "./csv";
import { requireColumn } from "./header";
import { normaliseEmail } from "./identity";
import { googleFormsColumns, interestForm } from "./instrument";

export interface InterestSubmission {
  file: string;
  line: number;
  email: string;
  submittedAt: Date;
  cohortOfInterest: string | null;
  careerStage: string | null;
  channels: string[];
  otherChannel: string | null;
}

export function* readInterestForm(records: Iterable<CsvRecord>, file: string): Generator<InterestSubmission> {
  const {
    header: [header],
    rest,
  } = splitHeader(records, 1);
  const column = (name: string) => requireColumn(header.cells, name, file, header.line);
  const timestampIndex = column(googleFormsColumns.timestamp);
  const emailIndex = column(googleFormsColumns.email);
  const cohortIndex = column(interestForm.headers.cohort_of_interest);
  const channelsIndex = column(interestForm.headers.channels);
  const stageIndex = column(interestForm.headers.career_stage);
  for (const record of rest) {
    requireWidth(record, header.cells.length, file);
    const cohortText = record.cells[cohortIndex].trim();
    const stageText = record.cells[stageIndex].trim();
    const stages: readonly string[] = interestForm.careerStages;
    if (stageText !== "" && !stages.includes(stageText)) {
      throw new ContractError(file, {
        row: record.line,
        column: interestForm.headers.career_stage,
        expected: `one of ${stages.map((s) => `'${s}'`).join(", ")}`,
        got: stageText,
      });
    }
    const { options, other } = splitCheckbox(record.cells[channelsIndex], interestForm.channelOptions, interestForm.separator);
    yield {
      file,
      line: record.line,
      email: normaliseEmail(record.cells[emailIndex]),
      submittedAt: readFormTimestamp(record, timestampIndex, googleFormsColumns.timestamp, interestForm.timeZone, file),
      cohortOfInterest: cohortText === "" ? null : (normaliseCohort(cohortText)?.cohort ?? cohortText),
      careerStage: stageText === "" ? null : stageText,
      channels: other === null ? options : [...options, "Other"],
      otherChannel: other,
    };
  }
}
