/**
 * Run the built CLI (`dist/cli/main.js`, as `npx preprint-digest` does) in a child process.
 * `npm test` builds first; a missing build is reported plainly instead of as a confusing failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(REPO, 'dist/cli/main.js');
export const SHARED = path.resolve(REPO, '../shared');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; /** Piped to standard input (else it is empty). */ input?: string | Buffer } = {},
): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO,
      // A clean environment: no LLM keys or config leaking in from the developer's shell.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), XDG_CONFIG_HOME: path.join(tmpdir(), 'pd-no-config'), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdin.end(options.input);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix = 'pd-e2e-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Start `serve` and resolve with the URL it prints and everything it said by then. */
export async function startServe(args: string[], cwd: string, env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }): Promise<{ url: string; said: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stderr.on('data', (d: Buffer) => (said += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      said += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(said);
      if (m?.[1]) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.on('close', resolve));
  };
  // `said` as of now: what it printed until the URL, and later lines too when read again.
  return { url, get said() { return said; }, stop };
}
