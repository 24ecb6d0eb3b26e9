import { type EngineError, formatErrors } from '../engine/index.ts';

/** A refusal lists this many problems: enough to find where a file is wrong, few enough to read in a message box. */
const SHOWN = 3;

/**
 * What is wrong with an input, as the player reads it: each problem as `path: message` (the engine's formatErrors,
 * as the CLI prints them), the first few only and then how many more there are. After a `lead` ("save.json", "This
 * replay cannot be played back") one problem stays on its line; several go one to a line (the `.error` box keeps
 * line breaks).
 */
export function listProblems(errors: readonly EngineError[], lead?: string): string {
  const more = errors.length - SHOWN;
  const lines = `${formatErrors(errors.slice(0, SHOWN))}${more > 0 ? `\nand ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
  if (lead === undefined) return lines;
  return errors.length === 1 ? `${lead}: ${lines}` : `${lead}:\n${lines}`;
}
