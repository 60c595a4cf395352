/**
 * Progress per stage: a bar on a TTY, a few plain lines otherwise (logs, CI), nothing with `none`.
 * Always on stderr, so stdout stays clean for the final summary.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../pipeline.js';

export type ProgressMode = 'auto' | 'bar' | 'plain' | 'none';

export function createProgress(mode: ProgressMode, stream: NodeJS.WriteStream = process.stderr): Progress {
  const resolved = mode === 'auto' ? (stream.isTTY ? 'bar' : 'plain') : mode;
  if (resolved === 'none') return { note() {}, start() {}, update() {}, stop() {} };
  return resolved === 'bar' ? barProgress(stream) : plainProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): Progress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    note: (stage, detail) => void stream.write(`${stage}: ${detail}\n`),
    start(stage, total) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        { stream, format: `${stage.padEnd(10)} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update(done, total) {
      if (total !== undefined) bar?.setTotal(total);
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

/** Plain lines at each quarter and at the end, so a log shows movement without flooding. */
function plainProgress(stream: NodeJS.WriteStream): Progress {
  let stage = '';
  let total = 0;
  let printed = -1;
  return {
    note: (name, detail) => void stream.write(`${name}: ${detail}\n`),
    start(name, count) {
      stage = name;
      total = count;
      printed = -1;
    },
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal;
      const quarter = total > 0 ? Math.floor((done * 4) / total) : 4;
      if (quarter <= printed) return;
      printed = quarter;
      stream.write(`${stage}: ${done}/${total}\n`);
    },
    stop() {
      stage = '';
    },
  };
}
