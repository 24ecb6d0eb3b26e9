import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The project's root: CLI tests run the scripts from here, as npm does. */
export const ROOT = join(import.meta.dirname, '../..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a CLI script the way npm does (through tsx), without a shell, and collects what it printed. */
export function cli(script: string, args: readonly string[]): Promise<Run> {
  return started(script, args).done;
}

/** A CLI run still going: its process (to signal it) and what it printed once it ends (`signal` if it was killed). */
export interface Started {
  child: ChildProcess;
  done: Promise<Run & { signal: NodeJS.Signals | null }>;
}

/**
 * Starts a CLI script as `cli` does, handing back the process so a test can interrupt it. `tsxCli`: through the tsx
 * command, as `npm run` starts the tools, which relays a signal to the script and kills it if it does not take it.
 */
export function started(script: string, args: readonly string[], options: { tsxCli?: boolean } = {}): Started {
  const [command, pre] = options.tsxCli
    ? [join(ROOT, 'node_modules', '.bin', 'tsx'), []]
    : [process.execPath, ['--import', 'tsx']];
  const child = spawn(command, [...pre, script, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', DEBUG: '' },
  });
  const done = new Promise<Run & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}
