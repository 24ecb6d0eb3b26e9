import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The one way the command-line tools write files. A file is either its old self or the complete new one, never
 * half of it: outputs are checked before any game is played, text goes to a temporary file beside the target, and
 * only a finished file is renamed over it. Temporaries are removed when the process exits for any reason: an error,
 * Ctrl-C (SIGINT) or a kill (SIGTERM).
 */

/** An output a command was asked to write: the option that named it (for messages) and its path. */
export interface Output {
  option: string;
  path: string;
}

// Temporaries not yet renamed or removed, so that a signal or an early exit can remove them.
const live = new Set<string>();
let handlersInstalled = false;

function removeLive(): void {
  for (const tmp of live) rmSync(tmp, { force: true });
  live.clear();
}

// Exit codes of a process ended by a signal, as shells report them: 128 + the signal's number.
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', removeLive);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      removeLive();
      // The handler is gone, so the signal sent again takes its default action: the process ends at once, and its
      // parent sees that a signal ended it. process.exit could hang instead: it waits for the thread pool, and a
      // thread blocked opening or reading a pipe nobody writes (a merge's part) never returns.
      process.kill(process.pid, signal);
      // Reached only where the default action is ignored (a container's first process).
      process.exit(SIGNAL_EXIT[signal]);
    });
}

function errorCode(e: unknown): string {
  return e instanceof Error && 'code' in e ? String(e.code) : '';
}

/** Why a file could not be written, in words: "cannot write: no such directory". */
export function writeError(e: unknown): string {
  const code = errorCode(e);
  if (code === 'ENOENT') return 'cannot write: no such directory';
  if (code === 'EISDIR') return 'cannot write: it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot write: permission denied';
  if (code === 'EROFS') return 'cannot write: the file system is read-only';
  return `cannot write: ${e instanceof Error ? e.message : String(e)}`;
}

/**
 * The file a path names once links and `.`/`..` are followed: two spellings of one file give the same text. The
 * file itself may not exist yet, so its directory is resolved and its name joined back.
 */
export function realTarget(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/** Why one output cannot be written, or null when it can. Checked without creating or touching anything. */
function outputProblem(path: string): string | null {
  if (path === '') return 'an empty file name';
  let stat: Stats | undefined;
  try {
    stat = statSync(path);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT') return writeError(e);
  }
  if (stat?.isDirectory()) return 'cannot write: it is a directory';
  if (stat && !stat.isFile()) return 'cannot write: not a regular file';
  // A file without write permission is one its owner protected; the rename would replace it regardless (and root
  // passes every access check), so the mode bits decide.
  if (stat && (stat.mode & 0o222) === 0) return 'cannot write: the file is read-only';
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) return 'cannot write: no such directory';
    accessSync(dir, constants.W_OK);
  } catch (e) {
    return writeError(e);
  }
  return null;
}

/**
 * Checks a command's outputs before it does any work: each must be a writable file (not a directory, a read-only
 * file or a missing directory), no two may name the same file, and none may be one of the inputs it reads. Returns
 * the first problem as one line, or null.
 */
export function checkOutputs(outputs: readonly Output[], inputs: readonly string[] = []): string | null {
  const seen = new Map<string, Output>();
  const inputReals = new Map(inputs.map((p) => [realTarget(p), p]));
  for (const out of outputs) {
    const problem = outputProblem(out.path);
    if (problem) return `--${out.option} ${out.path}: ${problem}`;
    const real = realTarget(out.path);
    const twin = seen.get(real);
    if (twin)
      return `--${twin.option} ${twin.path} and --${out.option} ${out.path} name the same file: give each its own`;
    seen.set(real, out);
    const input = inputReals.get(real);
    if (input !== undefined)
      return `--${out.option} ${out.path} is the input file ${input}: write the result elsewhere`;
  }
  return null;
}

/** A file being written: text goes to a temporary beside it, which `commit` renames over the target. */
export interface OutputFile {
  readonly path: string;
  write(text: string): void;
  /** Flushes and renames the temporary over the target: only now does the new file appear. */
  commit(): void;
  /** Drops the temporary, leaving any earlier file of that name as it was. */
  abort(): void;
}

let serial = 0;

/** Opens an output through a temporary file; a message when even the temporary cannot be created. */
export function openOutput(path: string): { ok: true; file: OutputFile } | { ok: false; message: string } {
  installHandlers();
  // Beside the target, so the rename stays on one file system; the pid and a serial keep two writers apart.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}-${++serial}.tmp`);
  let fd: number;
  try {
    if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory())
      return { ok: false, message: `${path}: cannot write: it is a directory` };
    fd = openSync(tmp, 'wx');
  } catch (e) {
    return { ok: false, message: `${path}: ${writeError(e)}` };
  }
  live.add(tmp);
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
  };
  return {
    ok: true,
    file: {
      path,
      write(text) {
        if (text !== '') writeSync(fd, text);
      },
      commit() {
        fsyncSync(fd);
        close();
        renameSync(tmp, path);
        live.delete(tmp);
      },
      abort() {
        close();
        rmSync(tmp, { force: true });
        live.delete(tmp);
      },
    },
  };
}

/** Writes a whole file at once through a temporary; a one-line message on failure, the old file left in place. */
export function writeFileSafely(path: string, text: string): { ok: true } | { ok: false; message: string } {
  const opened = openOutput(path);
  if (!opened.ok) return opened;
  try {
    opened.file.write(text);
    opened.file.commit();
    return { ok: true };
  } catch (e) {
    opened.file.abort();
    return { ok: false, message: `${path}: ${writeError(e)}` };
  }
}

/** The temporaries still open: empty once every output was committed or aborted (tests check it). */
export const openTemporaries = (): readonly string[] => [...live];
