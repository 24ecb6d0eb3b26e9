import { type Replay, type Result, REPLAY_FORMAT, type Scenario, verifyReplay } from '../../engine/index.ts';
import { h } from '../dom.ts';
import { listProblems } from '../problems.ts';
import { SAVE_FORMAT, Session } from '../session.ts';

const fail = (code: string, message: string): Result<never> => ({ ok: false, errors: [{ code, message }] });

/**
 * Opens a save or a replay file as a game to debrief or compare. Every refusal is one message naming the file, ready
 * to show: not JSON, neither kind of file, another scenario, another engine version, or a record that does not play
 * out (then where in the file, as `path: problem` lines).
 */
export function openGameFile(scenarios: readonly Scenario[], name: string, text: string): Result<Session> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('file.json', `${name} is not a save or a replay: it is not valid JSON.`);
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (format === SAVE_FORMAT) {
    const loaded = Session.fromSave(scenarios, json);
    return loaded.ok ? loaded : fail(loaded.errors[0]?.code ?? 'save', listProblems(loaded.errors, name));
  }
  if (format !== REPLAY_FORMAT) return fail('file.format', `${name} is neither a Two Boxers save nor a replay.`);
  const id = (json as { scenarioId?: unknown }).scenarioId;
  const scenario = scenarios.find((s) => s.id === id);
  if (!scenario)
    return fail('replay.scenario', `${name} is a replay of a scenario this game does not have ("${String(id)}").`);
  return openReplay(scenario, json, name);
}

/**
 * A replay (a file's, or the one the classroom server gives a seat once its game is over) as a game to show: checked
 * by the engine, then played back. `name` names it in a refusal.
 */
export function openReplay(scenario: Scenario, json: unknown, name: string): Result<Session> {
  const verified = verifyReplay(scenario, json);
  if (!verified.ok)
    return fail(verified.errors[0]?.code ?? 'replay', listProblems(verified.errors, `${name} is damaged or foreign`));
  const replay = json as Replay;
  const settings = {
    scenarioId: scenario.id,
    seed: replay.seed,
    preset: replay.options.preset ?? null,
    side: 'us' as const,
    opponent: 'hotseat', // a replay does not say who played: the debrief shows both sides anyway
  };
  const session = Session.fromRecord(
    scenario,
    settings,
    replay.turns,
    replay.finalHash,
    undefined,
    replay.pending ?? [],
  );
  return session.ok ? session : fail(session.errors[0]?.code ?? 'replay', listProblems(session.errors, name));
}

/** A file input that reads the chosen files and hands over their names and texts, in the order chosen. */
export function fileInput(
  id: string,
  multiple: boolean,
  onFiles: (files: { name: string; text: string }[]) => void,
): HTMLInputElement {
  const input = h('input', { type: 'file', id, accept: '.json,application/json', multiple });
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    // An unreadable file reads as empty text, which is then refused as not JSON, with its name.
    void Promise.all(
      files.map((f) =>
        f.text().then(
          (text) => ({ name: f.name, text }),
          () => ({ name: f.name, text: '' }),
        ),
      ),
    ).then(onFiles);
  });
  return input;
}
