/**
 * Runs every benchmark and prints its figures, the machine they came from, and a
 * summary of the targets with PASS or MISS. `npm run bench` runs this.
 * The memory benchmark measures a bot in a process of its own (see memory.ts).
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { formatAckLatency, runAckLatency } from './ack-latency.js';
import { formatMemory, runMemory } from './memory.js';
import { formatCjkParsing, runCjkParsing } from './cjk-parsing.js';
import { formatPlanEvaluation, runPlanEvaluation } from './plan-evaluation.js';
import { targetTable, type TargetResult } from './stats.js';
import { formatStorageGrowth, runStorageGrowth } from './storage-growth.js';
import { formatSurfaces, runSurfaces } from './surfaces.js';

/** The machine, as RESULTS.md records it. */
export function describeMachine(): string {
  const cpuInfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown CPU';
  return `node ${process.version} on ${process.platform}/${process.arch}; CPU ${model}, ${cpus().length} cores; ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`;
}

async function main(): Promise<void> {
  console.log(`imc-bot benchmarks, ${new Date().toISOString()}\n${describeMachine()}\n`);
  const targets: TargetResult[] = [];
  const section = (text: string, results: TargetResult[]) => {
    console.log(`${text}\n`);
    targets.push(...results);
  };

  // Ack latency first: the storage benchmark leaves ~100 MB of deleted files for the disk to flush.
  const ack = await runAckLatency();
  section(formatAckLatency(ack), ack.targets);
  const evaluation = runPlanEvaluation();
  section(formatPlanEvaluation(evaluation), evaluation.targets);
  const cjk = runCjkParsing();
  section(formatCjkParsing(cjk), cjk.targets);
  const surfaces = await runSurfaces();
  section(formatSurfaces(surfaces), surfaces.targets);
  const storage = await runStorageGrowth();
  section(formatStorageGrowth(storage), storage.targets);
  const memory = await runMemory();
  section(formatMemory(memory), memory.targets);

  console.log(`Targets\n${targetTable(targets)}`);
}

await main();
