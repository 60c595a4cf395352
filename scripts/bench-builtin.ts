/**
 * Throughput of the built-in summarizer (split + classify + compose) on the bundled sample day, one core.
 *   npx tsx scripts/bench-builtin.ts [--runs 7]
 * Prints the median abstracts/second over several runs and the sample day's role coverage.
 */
import { parseArgs } from 'node:util';
import { getRoleModel, roleCoverage, summarizeSync } from '../src/summarize/builtin/index.js';
import { sampleAbstracts } from './roles-sample.js';

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const abstracts = sampleAbstracts();
  getRoleModel();
  const rates: number[] = [];
  for (let r = 0; r < Number(values.runs); r++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 1000) {
      for (const abstract of abstracts) summarizeSync({ abstract });
      n += abstracts.length;
    }
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)]!;
  const metas = abstracts.map((abstract) => summarizeSync({ abstract }).meta);
  console.log(JSON.stringify({ abstracts: abstracts.length, runs: rates.length, median_abstracts_per_s: Math.round(median), roleCoverage: roleCoverage(metas) }));
}

main();
