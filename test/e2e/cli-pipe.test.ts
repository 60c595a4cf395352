/** Output piped into a reader that has already gone (`preprint-digest --help | head -1`) ends quietly with exit 0. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, REPO } from '../helpers/cli.js';

describe('CLI output into a closed pipe', () => {
  it('exits 0 without a stack trace', async () => {
    const child = spawn(process.execPath, [CLI, '--help'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the first byte: every write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
