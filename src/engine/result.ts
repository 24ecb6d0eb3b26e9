/** An error a caller can act on: a stable code, a message for people, and where in the input it was found. */
export interface EngineError {
  code: string;
  message: string;
  path?: string;
  /** The file the problem is in, when the input came from more than one (a scenario and the model it names). */
  file?: string;
}

/** Untrusted input never throws: it comes back as a Result (throw is for programmer errors only). */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: EngineError[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string, path?: string): Result<T> => ({
  ok: false,
  errors: [path === undefined ? { code, message } : { code, message, path }],
});
export const failMany = <T = never>(errors: EngineError[]): Result<T> => ({ ok: false, errors });

/** One line per problem, `path: message` (`file: path: message` when it names its file), as the CLI and UI print them. */
export function formatErrors(errors: readonly EngineError[]): string {
  return errors.map((e) => `${e.file ? `${e.file}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}`).join('\n');
}

/** A JSON path as errors print it: `turns[1].us[0].type`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out || '(root)';
}
