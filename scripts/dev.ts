// `npm run dev`: Framework's preview, plus a watch on the exports folder. Framework re-runs a loader only when the
// loader's file changes, so when an export's bytes change (whatever its size and modification time) the loaders'
// cached output is dropped and the loader files are touched: open pages reload their data, cleaned anew.
// `WORKBENCH_BUILD=public npm run dev` previews the public site from a private copy of the project (page edits
// are not picked up there), so the analyst preview's cache and the public one never meet.
import { spawn } from "node:child_process";
import { readdirSync, rmSync, utimesSync, watch } from "node:fs";
import { join } from "node:path";
import { buildMode } from "../loaders/build-mode.js";
import { dataDir } from "../loaders/data-dir.js";
import { exportsFingerprint } from "../loaders/fingerprint.js";
import { stopOnSettingErrorsInOneLine } from "../loaders/settings.js";
import { buildEnvironment, createPrivateProject, createWorkFolder, frameworkBin, projectRoot, removeAbandonedWork, seedPackageBundles } from "./build-folders.js";
import { refreshDataCache } from "./refresh-data-cache.js";

// A setting that is not what it must be stops the preview with its own one line, not a stack trace.
stopOnSettingErrorsInOneLine();

const mode = buildMode();
const previewFolder = join(projectRoot, `preview-${mode}`);
removeAbandonedWork(projectRoot);
const work = createWorkFolder(previewFolder);
let cwd = projectRoot;
const settings: Record<string, string> = { WORKBENCH_BUILD: mode };
if (mode === "public") {
  cwd = createPrivateProject(work);
  seedPackageBundles(cwd);
  settings.WORKBENCH_STORE = join(work, "clean-store");
  process.stderr.write("public preview: a private copy of the project, so edits to pages show after a restart\n");
}
const sourceRoot = join(cwd, "src");
await refreshDataCache(sourceRoot);

const preview = spawn(process.execPath, [frameworkBin, "preview", "--no-open", ...process.argv.slice(2)], {
  cwd,
  env: buildEnvironment(work, settings),
  stdio: "inherit",
});

/** Makes every data loader newer than its cached output: Framework re-runs it when a page next asks. */
function touchLoaders(): void {
  const loaders = join(sourceRoot, "data");
  const now = new Date();
  for (const name of readdirSync(loaders).filter((n) => n.endsWith(".ts"))) utimesSync(join(loaders, name), now, now);
}

const directory = dataDir();
let known = JSON.stringify(await exportsFingerprint(directory));
let pending: NodeJS.Timeout | undefined;
async function exportsMayHaveChanged(): Promise<void> {
  const current = JSON.stringify(await exportsFingerprint(directory));
  if (current === known) return;
  known = current;
  await refreshDataCache(sourceRoot);
  touchLoaders();
  process.stderr.write(`exports in ${directory} changed: pages reload their data\n`);
}
// An export is often written in several steps: act once it has been quiet for a moment.
const watcher = watch(directory, () => {
  clearTimeout(pending);
  pending = setTimeout(() => exportsMayHaveChanged().catch((error) => process.stderr.write(`${(error as Error).message}\n`)), 300);
});

function stop(code: number): never {
  watcher.close();
  clearTimeout(pending);
  rmSync(work, { recursive: true, force: true });
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    preview.kill(signal);
    stop(0);
  });
}
preview.on("close", (code) => stop(code ?? 0));
