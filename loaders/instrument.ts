// The survey instrument as data: questions, options, kinds, each wave's header wording and scope, declared once.
// A new wave with reworded questions is a new entry in `waves`, not new code.

export const cohorts = [
  { name: "Winter 2021-22", order: 1, season: "winter", year: 2021 },
  { name: "Summer 2022", order: 2, season: "summer", year: 2022 },
  { name: "Winter 2022-23", order: 3, season: "winter", year: 2022 },
  { name: "Summer 2023", order: 4, season: "summer", year: 2023 },
  { name: "Winter 2023-24", order: 5, season: "winter", year: 2023 },
  { name: "Summer 2024", order: 6, season: "summer", year: 2024 },
] as const;

export type CohortName = (typeof cohorts)[number]["name"];

/** Grid answers, most valuable first; a rating's level is 5 for the first down to 1 for the last. */
export const ratingScale = [
  "Most valuable part of MATS",
  "Significant portion of value added",
  "Some value",
  "Little value",
  "No value / did not use",
] as const;

export function ratingLevel(rating: string): number {
  return ratingScale.length - ratingScale.indexOf(rating as (typeof ratingScale)[number]);
}

export type QuestionKind = "single" | "checkbox" | "grid" | "text" | "month";

export interface QuestionSpec {
  id: string;
  kind: QuestionKind;
  options?: readonly string[];
  /** The respondent may type their own "Other" answer (kept as text, counted as option `Other`). */
  otherText?: boolean;
  /** Grid rows, each a column of its own. */
  rows?: readonly string[];
}

const influenceOptions = [
  "Probably no version of this would have happened otherwise",
  "Possibly no version of this would have happened otherwise",
  "Sped up outcome by <6 months",
  "Sped up outcome by >6 months",
  "Quality of outcome somewhat higher",
  "Quality of outcome much higher",
  "No influence",
] as const;

export const questions = [
  { id: "cohort", kind: "single", options: cohorts.map((c) => c.name), otherText: true },
  { id: "degree", kind: "single", options: ["Bachelor's", "Master's", "PhD", "Other"] },
  {
    id: "current_work",
    kind: "checkbox",
    otherText: true,
    options: [
      "Working/interning on AI alignment/control",
      "Conducting alignment research independently",
      "Working/interning on AI capabilities",
      "Working/interning on AI governance/policy",
      "Studying (degree program)",
      "Working on something unrelated to AI",
      "Looking for work",
    ],
  },
  { id: "work_description", kind: "text" },
  { id: "role_start", kind: "month" },
  { id: "advanced", kind: "single", options: ["Yes", "No"] },
  {
    id: "hiring_outcomes",
    kind: "checkbox",
    options: ["Accepted a job offer", "Received an offer, declined it", "Rejected after later rounds", "Still in process"],
  },
  { id: "roles_accepted", kind: "text" },
  {
    id: "hiring_contribution",
    kind: "checkbox",
    options: [
      "MATS did not contribute",
      "Increased my research or technical skills",
      "Provided legible career capital",
      "Made me more likely to apply",
      "Connections made through MATS",
    ],
  },
  { id: "published", kind: "single", options: ["Yes", "No"] },
  {
    id: "publication_venues",
    kind: "checkbox",
    otherText: true,
    options: [
      "LessWrong or Alignment Forum post",
      "arXiv preprint",
      "Workshop paper",
      "Conference paper (peer-reviewed, archival)",
      "Journal article",
    ],
  },
  { id: "publication_influence", kind: "checkbox", options: influenceOptions },
  { id: "other_outcome", kind: "text" },
  { id: "other_outcome_influence", kind: "checkbox", options: influenceOptions },
  {
    id: "element_ratings",
    kind: "grid",
    options: ratingScale,
    rows: ["Mentorship", "Peers", "Seminars", "Workshops", "Scholar support", "Other connections", "Office, housing and logistics"],
  },
  {
    id: "connections",
    kind: "checkbox",
    options: ["Research collaborator", "Mentor/adviser", "Employer or hiring manager", "Funder or grantmaker", "None of these"],
  },
  { id: "negative_effect", kind: "text" },
  { id: "career_plan", kind: "text" },
  {
    id: "support_wanted",
    kind: "checkbox",
    options: [
      "Connections to research collaborators",
      "Job recommendations",
      "Funding or grant-writing advice",
      "Mentorship",
      "Compute",
      "Office space",
    ],
  },
  {
    id: "lower_stipend",
    kind: "single",
    options: ["Yes, even with no stipend", "Yes, with a somewhat lower stipend", "No", "Not sure"],
  },
  { id: "quote_consent", kind: "single", options: ["Yes", "No"] },
] as const satisfies readonly QuestionSpec[];

export type QuestionId = (typeof questions)[number]["id"];

const questionsById = new Map<string, QuestionSpec>(questions.map((q) => [q.id, q]));

export function questionById(id: QuestionId): QuestionSpec {
  return questionsById.get(id)!;
}

export type WaveId = "2024" | "2025";

export interface WaveScope {
  /** Cohorts up to and including this order are in scope. */
  lastCohortOrder: number;
  /** Only alumni who completed the program. */
  completedOnly: boolean;
  /** Last day a submission counts, in `timeZone`. */
  closesOn: string;
  timeZone: string;
}

export interface WaveSpec {
  id: WaveId;
  source: string;
  filePattern: RegExp;
  format: "google-forms" | "qualtrics";
  /** How the tool joins a checkbox question's answers. */
  separator: string;
  /** Time zone of the export's timestamps. */
  timeZone: string;
  /** Question id -> its header text in this wave's export (a grid's stem, without the row). */
  headers: Partial<Record<QuestionId, string>>;
  scope: WaveScope;
}

const headers2024 = {
  cohort: "Which MATS cohort did you first take part in?",
  degree: "What is the highest academic degree you have earned?",
  current_work: "Which of these describe your current work? (Select all that apply)",
  work_description: "Please describe your current work in a sentence or two.",
  advanced: "Since MATS, have you applied to a job and advanced past the first round of interviews?",
  hiring_outcomes: "What came of those application processes? (Select all that apply)",
  roles_accepted: "Which role(s) did you accept?",
  hiring_contribution: "How did MATS contribute to your progress in these hiring rounds? (Select all that apply)",
  published: "Have you published alignment research during or since MATS?",
  publication_venues: "Where did it appear? (Select all that apply)",
  publication_influence: "How did MATS influence this publication? (Select all that apply)",
  other_outcome: "Are there other impactful outcomes of MATS that you want to tell us about?",
  other_outcome_influence: "How did MATS influence that outcome? (Select all that apply)",
  element_ratings: "How much value did you get from each program element?",
  connections: "What kinds of connections did you make at MATS? (Select all that apply)",
  negative_effect: "Did MATS have a negative effect on any of the outcomes you've indicated?",
  career_plan: "At a high level, what's your career plan for the foreseeable future?",
  support_wanted: "Which kinds of support would be valuable to you at this stage? (Select all that apply)",
  lower_stipend: "Would you have taken part in MATS for a lower stipend?",
  quote_consent: "May we quote your free-text answers, without your name, in public reports?",
} as const satisfies Partial<Record<QuestionId, string>>;

export const waves: Record<WaveId, WaveSpec> = {
  "2024": {
    id: "2024",
    source: "alumni-survey-2024",
    filePattern: /^alumni-survey-2024.*\.csv$/i,
    format: "google-forms",
    separator: ", ",
    timeZone: "America/Los_Angeles",
    headers: headers2024,
    scope: { lastCohortOrder: 4, completedOnly: true, closesOn: "2024-08-31", timeZone: "America/Los_Angeles" },
  },
  "2025": {
    id: "2025",
    source: "alumni-survey-2025",
    filePattern: /^alumni-survey-2025.*\.csv$/i,
    format: "qualtrics",
    separator: ",",
    timeZone: "UTC",
    headers: {
      ...headers2024,
      current_work: "Which of these describe your current work?",
      role_start: "When did you start your current main role? (month and year)",
      hiring_contribution: "How did MATS contribute to your progress in these hiring rounds?",
      lower_stipend: "Would you have participated in MATS for a lower stipend?",
      quote_consent: "May we quote your free-text answers anonymously in public reports?",
    },
    scope: { lastCohortOrder: 6, completedOnly: true, closesOn: "2025-08-31", timeZone: "UTC" },
  },
};

/** Columns every Google Forms export starts with. */
export const googleFormsColumns = { timestamp: "Timestamp", email: "Email Address" } as const;

/** Qualtrics metadata columns, matched by their row-1 names (stable across exports, unlike question short names). */
export const qualtricsColumns = {
  recorded: "RecordedDate",
  status: "Status",
  finished: "Finished",
  responseId: "ResponseId",
  email: "RecipientEmail",
} as const;

/** `Status` of a real response; anything else (`Survey Preview`, `Spam`) is not a respondent's answer. */
export const qualtricsRealStatus = "IP Address";

export const rosterColumns = [
  "scholar_id",
  "full_name",
  "email",
  "cohort",
  "stream",
  "program_start",
  "program_end",
  "completed",
  "extension",
] as const;

export const interestForm = {
  source: "interest-form",
  filePattern: /^interest-form-.*\.csv$/i,
  separator: ", ",
  timeZone: "America/Los_Angeles",
  headers: {
    cohort_of_interest: "Which cohort are you interested in?",
    channels: "How did you hear about us? (Select all that apply)",
    career_stage: "Current career stage",
  },
  channelOptions: [
    "Word of mouth",
    "AI safety Slack workspace",
    "AGI Safety Fundamentals",
    "80,000 Hours job board",
    "LessWrong or EA Forum",
    "Twitter/X",
    "YouTube or TikTok",
    "University AI safety group",
  ],
  careerStages: ["Undergraduate", "Master's student", "PhD student", "Postdoc", "Industry", "Other"],
} as const;

export const rosterSource = { source: "roster", filePattern: /^roster.*\.csv$/i } as const;

/** Files in the data folder that are not exports. */
export const ignoredFiles = /^(\..*|readme(\..*)?|license(\..*)?|mask-names\.txt)$/i;
