// Survey answers for the sample: the 2024 in-scope set built from exact counts (so the published figures come out),
// everything else drawn at random with the instrument's skip logic.
import { questionById, ratingScale, type QuestionId } from "../../loaders/instrument";
import { Random, repeat } from "./random";

export interface SampleAnswers {
  cohort: string;
  degree: string;
  current_work: string[];
  work_description: string;
  role_start: string;
  advanced: string;
  hiring_outcomes: string[];
  roles_accepted: string;
  hiring_contribution: string[];
  published: string;
  publication_venues: string[];
  publication_influence: string[];
  other_outcome: string;
  other_outcome_influence: string[];
  ratings: Record<string, string>;
  connections: string[];
  negative_effect: string;
  career_plan: string;
  support_wanted: string[];
  lower_stipend: string;
  quote_consent: string;
}

const options = (id: QuestionId) => questionById(id).options ?? [];
const elements = questionById("element_ratings").rows ?? [];

const [ALIGN_ORG, ALIGN_INDEP, CAPABILITIES, GOVERNANCE, STUDYING, UNRELATED, LOOKING] = options("current_work");
const [ACCEPTED, DECLINED, REJECTED, IN_PROCESS] = options("hiring_outcomes");
const [NO_CONTRIBUTION, SKILLS, CAPITAL, MORE_LIKELY, CONNECTIONS] = options("hiring_contribution");
const [LESSWRONG, ...OTHER_VENUES] = options("publication_venues");
const [PROBABLY, POSSIBLY, SPED_LT6, SPED_GT6, QUALITY_SOME, QUALITY_MUCH, NO_INFLUENCE] = options("publication_influence");
const [COLLABORATOR, MENTOR, EMPLOYER, FUNDER, NONE] = options("connections");
const [WANT_COLLABORATORS, WANT_JOBS, ...OTHER_SUPPORT] = options("support_wanted");
const [NO_STIPEND, ...OTHER_STIPEND] = options("lower_stipend");

const workTexts = [
  "Research engineer on an evaluations team.",
  "Interpretability research, mostly on sparse autoencoders.",
  'Independent research funded by a grant; writing up "model organisms" results.',
  "PhD student working on scalable oversight,\nwith a side project on red-teaming.",
  "Policy fellow at a think tank, working on compute governance.",
  "Software engineer, unrelated to AI for now.",
];
const roleTexts = ["Research scientist at an alignment lab", "Research engineer, evaluations", "Policy fellow", "Member of technical staff, interpretability"];
const outcomeTexts = [
  "Started a reading group that became a small research collaboration.",
  "Co-founded a field-building project, with two other alumni.",
  "Mentored new scholars; one of them now works on safety full-time.",
];
const planTexts = ["Keep doing empirical alignment research.", "Move into AI governance within two years.", "Finish my PhD, then join a safety team.", "Not sure yet; exploring options."];
const negativeTexts = ["Some delay to my degree.", "None that I can think of.", "It was hard to return to my previous job afterwards."];
const workOther = ["Founding an AI safety startup, part-time", "Teaching a university course on AI safety", "Field-building (running a fellowship)"];
const venueOther = ["Company blog, internal report", "Workshop talk recording"];
const unknownHiringOption = "Withdrew my application";

function join(selected: readonly string[], listed: readonly string[]): string[] {
  const known = listed.filter((o) => selected.includes(o));
  return [...known, ...selected.filter((o) => !listed.includes(o))];
}

function blankAnswers(cohort: string): SampleAnswers {
  return {
    cohort,
    degree: "",
    current_work: [],
    work_description: "",
    role_start: "",
    advanced: "",
    hiring_outcomes: [],
    roles_accepted: "",
    hiring_contribution: [],
    published: "",
    publication_venues: [],
    publication_influence: [],
    other_outcome: "",
    other_outcome_influence: [],
    ratings: {},
    connections: [],
    negative_effect: "",
    career_plan: "",
    support_wanted: [],
    lower_stipend: "",
    quote_consent: "",
  };
}

/** Lower ratings for the rest of a grid row, so the top-two count is exact. */
function ratingsFor(random: Random, top: boolean): string {
  return top ? random.pick(ratingScale.slice(0, 2)) : random.pick(ratingScale.slice(2));
}

/**
 * Answers for the wave-2024 in-scope respondents. The counts are those that give the published 2024 figures
 * for 72 respondents (e.g. 48 of 71 published = 68%, 32 of 71 on LessWrong = 45%), scaled for other sizes.
 */
export function calibratedAnswers(n: number, cohortOf: (index: number) => string, random: Random): SampleAnswers[] {
  const c = (count72: number) => Math.round((count72 * n) / 72);
  const everyone = Array.from({ length: n }, (_, i) => blankAnswers(cohortOf(i)));
  const deal = <T>(values: T[], apply: (answers: SampleAnswers, value: T, index: number) => void, among = everyone) => {
    const dealt = random.shuffle([...values, ...repeat(undefined as T, among.length - values.length)]);
    among.forEach((answers, index) => apply(answers, dealt[index], index));
  };

  deal([...repeat("Bachelor's", c(28)), ...repeat("Master's", c(28)), ...repeat("PhD", c(14))], (a, v) => (a.degree = v ?? ""));

  const capabilitiesLeft = { count: c(1) };
  deal([...repeat("org", c(35)), ...repeat("indep", c(21))], (a, v) => {
    if (v === "org") a.current_work = [ALIGN_ORG, ...random.some([STUDYING, GOVERNANCE], 0.1)];
    else if (v === "indep") a.current_work = [ALIGN_INDEP, ...random.some([STUDYING, LOOKING], 0.15)];
    else if (capabilitiesLeft.count-- > 0) a.current_work = [CAPABILITIES];
    else {
      const picked = random.some([GOVERNANCE, STUDYING, UNRELATED, LOOKING], 0.35);
      a.current_work = picked.length > 0 ? picked : [random.pick([GOVERNANCE, UNRELATED, LOOKING])];
      if (random.chance(0.3)) a.current_work.push(random.pick(workOther));
    }
    a.work_description = random.chance(0.85) ? random.pick(workTexts) : "";
  });

  deal(repeat("Yes", c(39)), (a, v) => (a.advanced = v ?? "No"));
  const advanced = everyone.filter((a) => a.advanced === "Yes");
  let unknownPlaced = false;
  deal([...repeat("accepted", c(23)), ...repeat("other", c(36) - c(23))], (a, v) => {
    if (v === "accepted") {
      a.hiring_outcomes = [ACCEPTED, ...random.some([REJECTED], 0.3)];
      a.roles_accepted = random.chance(0.8) ? random.pick(roleTexts) : "";
    } else if (v === "other") {
      const picked = random.some([DECLINED, REJECTED, IN_PROCESS], 0.4);
      a.hiring_outcomes = picked.length > 0 ? picked : [REJECTED];
      // One answer outside the listed options: kept as Other and flagged, never dropped.
      if (!unknownPlaced) {
        a.hiring_outcomes.push(unknownHiringOption);
        unknownPlaced = true;
      }
    }
  }, advanced);
  deal(repeat("none", c(3)), (a, v) => (a.hiring_contribution = v ? [NO_CONTRIBUTION] : []), advanced);
  const contributed = advanced.filter((a) => a.hiring_contribution.length === 0);
  deal(repeat(SKILLS, c(19)), (a, v) => v && a.hiring_contribution.push(v), contributed);
  deal(repeat(CAPITAL, c(15)), (a, v) => v && a.hiring_contribution.push(v), contributed);
  for (const a of contributed) {
    const extra = random.some([MORE_LIKELY, CONNECTIONS], 0.35);
    a.hiring_contribution.push(...(extra.length > 0 || a.hiring_contribution.length > 0 ? extra : [random.pick([MORE_LIKELY, CONNECTIONS])]));
  }

  deal([...repeat("Yes", c(48)), ...repeat("No", c(71) - c(48))], (a, v) => (a.published = v ?? ""));
  const published = everyone.filter((a) => a.published === "Yes");
  deal(repeat(LESSWRONG, c(32)), (a, v) => {
    const others = random.some(OTHER_VENUES, 0.25);
    if (random.chance(0.1)) others.push(random.pick(venueOther));
    a.publication_venues = v ? [v, ...others] : others.length > 0 ? others : [random.pick(OTHER_VENUES)];
  }, published);
  const skippedInfluence = new Set<SampleAnswers>();
  deal([...repeat("probably", c(20)), ...repeat("possibly", c(36) - c(20)), ...repeat("other", c(46) - c(36))], (a, v) => {
    if (v === "probably") a.publication_influence = [PROBABLY];
    else if (v === "possibly") a.publication_influence = [POSSIBLY];
    else if (v === undefined) skippedInfluence.add(a);
  }, published);
  const shownInfluence = published.filter((a) => !skippedInfluence.has(a));
  deal(repeat(SPED_GT6, c(7)), (a, v) => v && a.publication_influence.push(v), shownInfluence);
  deal(repeat(QUALITY_MUCH, c(6)), (a, v) => v && a.publication_influence.push(v), shownInfluence);
  for (const a of shownInfluence) {
    if (a.publication_influence.length === 0) a.publication_influence.push(random.pick([SPED_LT6, QUALITY_SOME, NO_INFLUENCE]));
    else if (random.chance(0.2) && !a.publication_influence.includes(QUALITY_SOME) && !a.publication_influence.includes(QUALITY_MUCH)) {
      a.publication_influence.push(QUALITY_SOME);
    }
  }

  deal(repeat("outcome", c(14)), (a, v) => {
    if (!v) return;
    a.other_outcome = random.pick(outcomeTexts);
    if (random.chance(0.7)) a.other_outcome_influence = [random.pick([PROBABLY, POSSIBLY, SPED_LT6, QUALITY_SOME])];
  });

  deal(repeat(true, c(52)), (a, v) => (a.ratings.Mentorship = ratingsFor(random, v === true)));
  deal(repeat(true, c(59)), (a, v) => (a.ratings.Peers = ratingsFor(random, v === true)));
  for (const a of everyone) {
    for (const element of elements.slice(2)) if (random.chance(0.9)) a.ratings[element] = random.pick(ratingScale);
  }

  const connected: SampleAnswers[] = [];
  deal([...repeat("none", c(11)), ...repeat("some", c(71) - c(11))], (a, v) => {
    if (v === "none") a.connections = [NONE];
    else if (v === "some") connected.push(a);
  });
  deal(repeat(COLLABORATOR, c(45)), (a, v) => v && a.connections.push(v), connected);
  deal(repeat(MENTOR, c(38)), (a, v) => v && a.connections.push(v), connected);
  for (const a of connected) {
    const extra = random.some([EMPLOYER, FUNDER], 0.2);
    a.connections.push(...(extra.length > 0 || a.connections.length > 0 ? extra : [random.pick([EMPLOYER, FUNDER])]));
  }

  deal(repeat(WANT_COLLABORATORS, c(33)), (a, v) => (a.support_wanted = v ? [v] : []));
  deal(repeat(WANT_JOBS, c(28)), (a, v) => v && a.support_wanted.push(v));
  for (const a of everyone) {
    const extra = random.some(OTHER_SUPPORT, 0.25);
    a.support_wanted.push(...(extra.length > 0 || a.support_wanted.length > 0 ? extra : [random.pick(OTHER_SUPPORT)]));
  }

  deal([...repeat(NO_STIPEND, c(21)), ...Array.from({ length: c(71) - c(21) }, () => random.pick(OTHER_STIPEND))], (a, v) => (a.lower_stipend = v ?? ""));
  deal(repeat("Yes", c(58)), (a, v) => (a.quote_consent = v ?? "No"));

  for (const a of everyone) {
    a.negative_effect = random.chance(0.3) ? random.pick(negativeTexts) : "";
    a.career_plan = random.chance(0.7) ? random.pick(planTexts) : "";
  }
  return everyone.map(ordered);
}

/** Options in the order the form lists them, "Other" text last, as Google Forms and Qualtrics join them. */
function ordered(a: SampleAnswers): SampleAnswers {
  return {
    ...a,
    current_work: join(a.current_work, options("current_work")),
    hiring_outcomes: join(a.hiring_outcomes, options("hiring_outcomes")),
    hiring_contribution: join(a.hiring_contribution, options("hiring_contribution")),
    publication_venues: join(a.publication_venues, options("publication_venues")),
    publication_influence: join(a.publication_influence, options("publication_influence")),
    other_outcome_influence: join(a.other_outcome_influence, options("other_outcome_influence")),
    connections: join(a.connections, options("connections")),
    support_wanted: join(a.support_wanted, options("support_wanted")),
  };
}

/** A plausible answer set drawn at random, following the skip logic (Q8-10 only after Yes to Q7, and so on). */
export function randomAnswers(cohort: string, random: Random, withRoleStart: string = ""): SampleAnswers {
  const a = blankAnswers(cohort);
  a.degree = random.pick(["Bachelor's", "Master's", "Master's", "PhD"]);
  const work = random.some(options("current_work"), 0.25);
  a.current_work = work.length > 0 ? work : [ALIGN_ORG];
  if (random.chance(0.05)) a.current_work.push(random.pick(workOther));
  a.work_description = random.chance(0.8) ? random.pick(workTexts) : "";
  a.role_start = withRoleStart;
  a.advanced = random.chance(0.55) ? "Yes" : "No";
  if (a.advanced === "Yes") {
    const outcomes = random.some(options("hiring_outcomes"), 0.4);
    a.hiring_outcomes = outcomes.length > 0 ? outcomes : [ACCEPTED];
    if (a.hiring_outcomes.includes(ACCEPTED)) a.roles_accepted = random.chance(0.7) ? random.pick(roleTexts) : "";
    a.hiring_contribution = random.chance(0.08) ? [NO_CONTRIBUTION] : [random.pick([SKILLS, CAPITAL, MORE_LIKELY, CONNECTIONS]), ...random.some([SKILLS, CAPITAL], 0.3)];
  }
  a.published = random.chance(0.65) ? "Yes" : "No";
  if (a.published === "Yes") {
    a.publication_venues = [random.pick(options("publication_venues")), ...random.some([LESSWRONG], 0.5)];
    a.publication_influence = [random.pick([PROBABLY, POSSIBLY, SPED_LT6, SPED_GT6, QUALITY_SOME, QUALITY_MUCH])];
  }
  if (random.chance(0.2)) {
    a.other_outcome = random.pick(outcomeTexts);
    a.other_outcome_influence = [random.pick([PROBABLY, POSSIBLY, QUALITY_SOME])];
  }
  for (const element of elements) if (random.chance(0.92)) a.ratings[element] = random.pick(ratingScale);
  a.connections = random.chance(0.15) ? [NONE] : [COLLABORATOR, ...random.some([MENTOR, EMPLOYER, FUNDER], 0.4)];
  a.support_wanted = [random.pick(options("support_wanted")), ...random.some([WANT_JOBS], 0.3)];
  a.lower_stipend = random.pick(options("lower_stipend"));
  a.quote_consent = random.chance(0.8) ? "Yes" : "No";
  a.career_plan = random.chance(0.6) ? random.pick(planTexts) : "";
  return ordered(a);
}

/** The first `answered` questions of a partial (unfinished) response, the rest blank. */
export function truncated(a: SampleAnswers, answered: number): SampleAnswers {
  const blank = blankAnswers(answered > 0 ? a.cohort : "");
  const order: (keyof SampleAnswers)[] = ["cohort", "degree", "current_work", "work_description", "role_start", "advanced", "hiring_outcomes", "roles_accepted", "hiring_contribution", "published"];
  const kept = new Set(order.slice(0, answered));
  return Object.fromEntries(Object.entries(a).map(([key, value]) => [key, kept.has(key as keyof SampleAnswers) ? value : blank[key as keyof SampleAnswers]])) as unknown as SampleAnswers;
}
