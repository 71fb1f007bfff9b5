/** The machine and its load, as the benchmarks print them. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

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

/** The load average (1, 5, 15 minutes): other work on the machine competes for its cores. */
export function describeLoad(): string {
  return `load average ${loadavg().map((n) => n.toFixed(2)).join(', ')} on ${cpus().length} cores`;
}
