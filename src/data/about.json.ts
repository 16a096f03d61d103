// What the "About these figures" page says of each wave (who was asked, until when) and of each indicator (what it
// counts), drawn from the instrument (loaders/instrument.ts) and the indicator definitions, never retyped.
import { cohorts, ratingScale, waves } from "../../loaders/instrument.js";
import { writeToStdout } from "../../loaders/stdout.js";
import { indicators } from "../survey/indicators.js";
import { indicatorInWords } from "../components/indicator-words.js";

const waveList = Object.values(waves).sort((a, b) => a.id.localeCompare(b.id));
const newest = waveList[waveList.length - 1];
const about = {
  waves: waveList.map((wave) => ({
    id: wave.id,
    closesOn: wave.scope.closesOn,
    timeZone: wave.scope.timeZone,
    completedOnly: wave.scope.completedOnly,
    cohorts: cohorts.filter((c) => c.order <= wave.scope.lastCohortOrder).map((c) => c.name),
  })),
  wordingWave: newest.id,
  indicators: indicators
    .filter((i) => i.id !== "respondents" && i.id !== "response_rate")
    .map((i) => indicatorInWords(i, { questions: newest.headers as Record<string, string>, ratingScale })),
};
await writeToStdout(new TextEncoder().encode(JSON.stringify(about)));
