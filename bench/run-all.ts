/**
 * Runs the benchmarks and prints their figures, the machine and its load, and the
 * issue's targets with PASS or MISS. `npm run bench` runs this; `npm run bench --
 * --quick` runs a shorter comparison of the three apps (fewer answers per person,
 * 300 conversations for memory, 3 cold starts; one round of the stores with fewer
 * people) and skips the storage benchmark.
 */
import { formatCjkParsing, runCjkParsing } from './cjk-parsing.js';
import { formatInstances, runInstances } from './instances.js';
import { describeLoad, describeMachine } from './load.js';
import { formatPlanEvaluation, runPlanEvaluation } from './plan-evaluation.js';
import { targetTable, type TargetResult } from './stats.js';
import { formatStorageGrowth, runStorageGrowth } from './storage-growth.js';
import { formatSurfaces, runSurfaces } from './surfaces.js';
import { formatThreeApps, runThreeApps } from './three-apps.js';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  console.log(`imc-bot benchmarks${quick ? ' (quick)' : ''}, ${new Date().toISOString()}\n${describeMachine()}\nbefore: ${describeLoad()}\n`);
  const targets: TargetResult[] = [];
  const section = (text: string, results: TargetResult[]) => {
    console.log(`${text}\n`);
    targets.push(...results);
  };

  // The three apps first: the storage benchmark leaves ~100 MB of deleted files for the disk to flush.
  const apps = await runThreeApps({ quick });
  section(formatThreeApps(apps), []);
  targets.push(...apps.targets.map((t) => ({ ...t, benchmark: `bot vs floor: ${t.benchmark}` })));
  // The stores side by side: lowdb, PostgreSQL with one instance and with two.
  section(formatInstances(await runInstances({ quick })), []);
  const evaluation = runPlanEvaluation();
  section(formatPlanEvaluation(evaluation), evaluation.targets);
  const cjk = runCjkParsing();
  section(formatCjkParsing(cjk), cjk.targets);
  const surfaces = await runSurfaces();
  section(formatSurfaces(surfaces), surfaces.targets);
  if (!quick) {
    const storage = await runStorageGrowth();
    section(formatStorageGrowth(storage), storage.targets);
  }

  console.log(`after: ${describeLoad()}\n\nAll targets\n${targetTable(targets)}`);
}

await main();
