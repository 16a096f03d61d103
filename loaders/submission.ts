// A survey submission as every reader returns it, before scopes and duplicates are resolved.
import type { Answers, Note } from "./answers";
import type { WaveId } from "./instrument";

export type SubmissionStatus = "response" | "preview_or_spam";

export interface Submission {
  wave: WaveId;
  file: string;
  line: number;
  /** Trimmed and lower-cased; empty when the export has none (a preview). */
  email: string;
  submittedAt: Date;
  finished: boolean;
  status: SubmissionStatus;
  /** The tool's own status text when it is not a real response (`Survey Preview`, `Spam`). */
  statusText: string;
  /** Equal for the same submission seen in two exports. */
  submissionKey: string;
  answers: Answers;
  notes: Note[];
}
