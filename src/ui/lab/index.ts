import './lab.css';
import type { RosterEntry } from '../../ai/roster.ts';
import { PairedFigures } from '../../analysis/paired.ts';
// The JSON Schema `npm run schema` writes from the engine's zod schema (CI checks it is current): read as data, it
// keeps zod's schema writer out of the game's start-up code, which holds the engine.
import scenarioSchema from '../../../scenarios/scenario.schema.json';
import { formatErrors, parseScenario, type Scenario, type Side } from '../../engine/index.ts';
import { fill, focusHeading, h } from '../dom.ts';
import { presetLength } from '../rules.ts';
import { listProblems } from '../problems.ts';
import { checkValue, fieldAt, type NumberField, numberFields, withValues } from './fields.ts';
import { type LabRun, releaseLabWorkers, runLab } from './runner.ts';
import { changedInputs, checkSeeds, describeInputs, nameSome, type RunInputs } from './run-inputs.ts';
import { readInWorker, SHIPPED_MODEL } from './scenario-file.ts';
import { countOf, progressText } from './progress.ts';
import { renderResults } from './results.ts';
import { variantFile } from './variant-file.ts';

/**
 * The designer's lab: edit any number of a scenario in a form built from its schema, then play the variant and the
 * baseline on the same seeds in Web Workers and watch both outcome distributions, with 95% intervals, fill in as the
 * games finish. The statistics are compare's own (src/analysis/paired.ts); the variant exports as a scenario file.
 * app.ts loads this page on demand, so none of it is in the game's start-up code.
 */

export interface LabActions {
  back(): void;
}

/**
 * What the lab starts from. The players come from app.ts, which holds their list already (roster.ts): the lab's
 * games run in its workers, which load the deciding code themselves.
 */
export interface LabInputs {
  scenarios: readonly Scenario[];
  players: readonly RosterEntry[];
}

const MAX_SEEDS = 100_000;
const DEFAULT_PLAYERS: Record<Side, string> = { us: 'measured', iran: 'harasser' };

/** The finished run's figures, for `npm run bench` and the browser test to read. */
declare global {
  interface Window {
    __twoBoxersLab?: { seeds: number; games: number; ms: number };
  }
}

function playerSelect(all: readonly RosterEntry[], side: Side): HTMLSelectElement {
  const players = all.filter((p) => p.side === side);
  const option = (p: (typeof players)[number]) =>
    h('option', { value: p.id, selected: p.id === DEFAULT_PLAYERS[side] }, p.label);
  return h(
    'select',
    { id: `lab-${side}` },
    h('optgroup', { label: 'Doctrines' }, players.filter((p) => p.kind === 'doctrine').map(option)),
    h(
      'optgroup',
      { label: 'Strategist (slow: seconds a game)' },
      players.filter((p) => p.kind === 'strategist').map(option),
    ),
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Draws the lab into `main`, starting from the first bundled scenario. */
export function showLab(main: HTMLElement, { scenarios, players }: LabInputs, actions: LabActions): void {
  main.classList.add('lab-page');
  const schema: unknown = scenarioSchema;
  let baseline: Scenario = scenarios[0]!;
  const baselineLabel = h('small', {}, `${baseline.name} (bundled)`);
  let fields: NumberField[] = [];
  const values = new Map<string, number>();
  const invalid = new Set<string>();
  let variant: Scenario | null = baseline;
  let run: LabRun | null = null;
  let seedsDone = 0;
  let baselineVersion = 0;
  /** The inputs the results on screen were played with: null while there are none. */
  let shownFor: RunInputs | null = null;

  const message = h('div', { role: 'alert', id: 'lab-message' });
  const say = (text: string | null) =>
    fill(
      message,
      text
        ? h(
            'div',
            { className: 'error lab-dismissable' },
            text,
            h(
              'button',
              { type: 'button', className: 'lab-dismiss', 'aria-label': 'Dismiss', onclick: () => say(null) },
              '×',
            ),
          )
        : null,
    );
  /** Why the variant cannot run, for the reason beside Run: a sentence and the field to go to, if there is one. */
  let variantProblem: { text: string; label: string | null } | null = null;

  // ---- The variant ----
  const source = h(
    'select',
    { id: 'lab-source' },
    scenarios.map((s, i) => h('option', { value: String(i) }, `${s.name} (bundled)`)),
  );
  const fileInput = h('input', { type: 'file', accept: '.json,application/json', id: 'lab-file' });
  const filter = h('input', { type: 'search', id: 'lab-filter', placeholder: 'e.g. hitPerMille, rocket, consent' });
  const onlyChanged = h('input', { type: 'checkbox', id: 'lab-only-changed' });
  const form = h('div', { className: 'lab-form', id: 'lab-form' });
  const changes = h('div', { id: 'lab-changes', 'aria-live': 'polite' });
  const exportButton = h('button', { id: 'lab-export', type: 'button' }, 'Export the variant…');

  const rowOf = new Map<string, HTMLElement>();
  function buildForm(): void {
    fields = numberFields(baseline, schema);
    rowOf.clear();
    const sections = new Map<string, NumberField[]>();
    for (const f of fields) sections.set(f.section, [...(sections.get(f.section) ?? []), f]);
    fill(
      form,
      [...sections].map(([section, list]) =>
        h(
          'details',
          { className: 'lab-section', 'data-section': section },
          h(
            'summary',
            {},
            section,
            h('span', { className: 'lab-count', 'data-total': list.length }, ` ${list.length}`),
          ),
          list.map((f, i) => {
            const id = `lab-f-${section}-${i}`;
            const input = h('input', {
              type: 'number',
              id,
              'data-path': f.label,
              value: String(values.get(f.label) ?? f.value),
              step: f.integer ? '1' : 'any',
              min: f.min ?? undefined,
              max: f.max ?? undefined,
              'aria-describedby': `${id}-help`,
            });
            const problem = h('span', { className: 'lab-problem', id: `${id}-problem` });
            const limits = f.min !== null || f.max !== null ? ` [${f.min ?? '…'} to ${f.max ?? '…'}]` : '';
            const row = h(
              'div',
              { className: 'lab-field' },
              h('label', { for: id }, f.label.slice(section.length).replace(/^\./, '') || section),
              input,
              h('small', { id: `${id}-help` }, `${f.help}${limits}`),
              problem,
            );
            input.addEventListener('input', () => {
              const why = checkValue(f, input.value);
              problem.textContent = why ?? '';
              input.setAttribute('aria-invalid', String(why !== null));
              if (why !== null) invalid.add(f.label);
              else {
                invalid.delete(f.label);
                const x = Number(input.value);
                if (x === f.value) values.delete(f.label);
                else values.set(f.label, x);
              }
              row.classList.toggle('lab-changed', values.has(f.label));
              refreshVariant();
            });
            rowOf.set(f.label, row);
            return row;
          }),
        ),
      ),
    );
    applyFilter();
    refreshVariant();
  }

  function applyFilter(): void {
    const words = filter.value.trim().toLowerCase();
    for (const section of form.querySelectorAll<HTMLDetailsElement>('details')) {
      let shown = 0;
      for (const row of section.querySelectorAll<HTMLElement>('.lab-field')) {
        const text = row.textContent?.toLowerCase() ?? '';
        const visible =
          (words === '' || text.includes(words)) && (!onlyChanged.checked || row.classList.contains('lab-changed'));
        row.hidden = !visible;
        if (visible) shown++;
      }
      section.hidden = shown === 0;
      // The count is of the rows shown: "6 of 69" under a filter, so it never promises rows that are not there.
      const count = section.querySelector<HTMLElement>('.lab-count');
      const total = Number(count?.dataset.total);
      if (count) count.textContent = shown === total ? ` ${total}` : ` ${shown} of ${total}`;
      if (words !== '' || onlyChanged.checked) section.open = shown > 0;
    }
  }

  function refreshVariant(): void {
    variant = null;
    variantProblem = null;
    if (invalid.size > 0) {
      const label = [...invalid][0]!;
      const why = rowOf.get(label)?.querySelector('.lab-problem')?.textContent ?? '';
      variantProblem = {
        text: `${invalid.size === 1 ? 'A field is out of its limits' : `${invalid.size} fields are out of their limits, the first`}: ${label} (${why}).`,
        label,
      };
      fill(changes, h('p', { className: 'lab-bad' }, `${invalid.size} field(s) out of their limits: fix them to run.`));
    } else {
      const parsed = parseScenario(withValues(baseline, fields, values));
      if (parsed.ok) variant = parsed.value;
      else
        variantProblem = {
          text: `The variant is not a valid scenario: ${listProblems(parsed.errors)}`,
          label: fieldAt(fields, parsed.errors[0]?.path)?.label ?? null,
        };
      fill(
        changes,
        parsed.ok
          ? null
          : h('p', { className: 'lab-bad' }, `The variant is not a valid scenario: ${formatErrors(parsed.errors)}`),
        values.size === 0
          ? h('p', { className: 'note' }, 'No change yet: the variant is the baseline.')
          : h(
              'ul',
              { className: 'lab-change-list' },
              [...values].map(([label, x]) =>
                h(
                  'li',
                  {},
                  h('code', {}, label),
                  ` ${fields.find((f) => f.label === label)?.value} → `,
                  h('b', {}, String(x)),
                  ' ',
                  h(
                    'button',
                    {
                      type: 'button',
                      className: 'lab-link',
                      disabled: run !== null,
                      onclick: () => {
                        const input = rowOf.get(label)?.querySelector('input');
                        const field = fields.find((f) => f.label === label);
                        if (!input || !field) return;
                        input.value = String(field.value);
                        input.dispatchEvent(new Event('input'));
                      },
                    },
                    'reset',
                  ),
                ),
              ),
            ),
      );
    }
    exportButton.disabled = variant === null || run !== null;
    refreshRun();
  }

  /** Opens the field's section, scrolls to it and puts the cursor in it (the filter cleared if it hid the field). */
  function goToField(label: string): void {
    const row = rowOf.get(label);
    const input = row?.querySelector('input');
    if (!row || !input) return;
    if (row.hidden) {
      filter.value = '';
      onlyChanged.checked = false;
      applyFilter();
    }
    const section = row.closest('details');
    if (section) section.open = true;
    input.scrollIntoView({ block: 'center' });
    input.focus();
  }

  /** Enables Run when the variant and the seeds can play, and says beside it why not when they cannot. */
  function refreshRun(): void {
    const seeds = checkSeeds(first.value, last.value, MAX_SEEDS);
    const problem = variantProblem;
    runButton.disabled = run !== null || problem !== null || !seeds.ok;
    fill(
      runWhy,
      run !== null
        ? 'The inputs are locked while the games run: cancel to change them.'
        : problem
          ? [
              `${problem.text} `,
              problem.label
                ? h(
                    'button',
                    { type: 'button', className: 'lab-link', onclick: () => goToField(problem.label!) },
                    'Go to the field',
                  )
                : null,
            ]
          : seeds.ok
            ? null
            : seeds.message,
    );
    runWhy.classList.toggle('lab-bad', run === null && runButton.disabled);
    refreshStale();
  }

  /** The form's inputs now, in the terms the results name them. */
  function currentInputs(): RunInputs {
    const shown = (select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? select.value;
    return {
      baseline: baselineLabel.textContent ?? '',
      baselineVersion,
      changes: new Map(values),
      invalid: new Set(invalid),
      us: shown(us),
      iran: shown(iran),
      length: shown(preset),
      first: first.value,
      last: last.value,
    };
  }

  /**
   * Says which inputs the results are for and, once the form holds other inputs, marks them as the earlier inputs'
   * (dimmed, with a notice naming what changed), so a figure on screen is never read as the form's.
   */
  function refreshStale(): void {
    const changed = shownFor && run === null ? changedInputs(shownFor, currentInputs()) : [];
    fill(resultsFor, shownFor ? `These results: ${describeInputs(shownFor)}` : null);
    results.classList.toggle('lab-stale', changed.length > 0);
    fill(
      staleNote,
      changed.length > 0
        ? h(
            'p',
            { className: 'lab-stale-note' },
            h('b', {}, 'These results are for the inputs before your last change'),
            ` (${nameSome(changed)}): run again to see the games under the inputs shown.`,
          )
        : null,
    );
  }

  /** While a run goes, every input it plays is locked, so the figures always belong to the inputs on screen. */
  function lockInputs(on: boolean): void {
    const locked: (HTMLInputElement | HTMLSelectElement | HTMLButtonElement)[] = [
      source,
      fileInput,
      us,
      iran,
      preset,
      first,
      last,
      exportButton,
      ...form.querySelectorAll('input'),
      ...changes.querySelectorAll('button'),
    ];
    for (const el of locked) el.disabled = on;
    form.classList.toggle('lab-locked', on);
  }

  function adoptBaseline(next: Scenario, name: string): void {
    baseline = next;
    baselineVersion++;
    shownFor = null;
    fill(baselineLabel, name);
    values.clear();
    invalid.clear();
    preset.replaceChildren(...presetOptions());
    buildForm();
    fill(results, h('p', { className: 'note' }, 'Run the games to see the outcomes.'));
  }

  /** A new baseline clears the edits: asked first when there are some. */
  function baselineChangeConfirmed(): boolean {
    const edits = values.size + invalid.size;
    return (
      edits === 0 ||
      window.confirm(
        `Change the baseline? Your ${edits === 1 ? 'change' : `${edits} changes`} to the scenario will be lost. (Export the variant first to keep it.)`,
      )
    );
  }

  let sourceShown = source.value;
  source.addEventListener('change', () => {
    if (!baselineChangeConfirmed()) {
      source.value = sourceShown;
      return;
    }
    sourceShown = source.value;
    const s = scenarios[Number(source.value)];
    if (s) adoptBaseline(s, `${s.name} (bundled)`);
  });
  /** A refused file leaves the baseline as it was: the message says so, and the picker no longer names the file. */
  const refuseFile = (why: string) => {
    fileInput.value = '';
    say(`${why}\nThe baseline is still ${baselineLabel.textContent}.`);
  };
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    void file.text().then((text) => {
      let json: unknown;
      try {
        json = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (e) {
        refuseFile(`${file.name} is not a scenario: it is not valid JSON (${e instanceof Error ? e.message : e}).`);
        return;
      }
      return readInWorker({ json, name: file.name, bundled: scenarios[0]! }).then((parsed) => {
        if (!parsed.ok) {
          refuseFile(listProblems(parsed.errors, `${file.name} is not a valid scenario`));
          return;
        }
        say(null);
        if (!baselineChangeConfirmed()) {
          fileInput.value = '';
          return;
        }
        adoptBaseline(parsed.value, file.name);
      });
    });
  });
  filter.addEventListener('input', applyFilter);
  onlyChanged.addEventListener('change', applyFilter);
  exportButton.addEventListener('click', () => {
    if (!variant) return;
    const file = variantFile(variant);
    download(file.fileName, file.text);
  });

  // ---- The run ----
  const us = playerSelect(players, 'us');
  const iran = playerSelect(players, 'iran');
  const presetOptions = () => [
    h('option', { value: '' }, `full game (${countOf(baseline.turns, 'turn')})`),
    ...baseline.presets.map((p) =>
      h('option', { value: p.id }, presetLength({ name: p.name ?? p.id, turns: p.turns })),
    ),
  ];
  const preset = h('select', { id: 'lab-preset' }, presetOptions());
  const first = h('input', { type: 'number', id: 'lab-first', value: '1', min: 0, step: '1' });
  const last = h('input', { type: 'number', id: 'lab-last', value: '200', min: 0, step: '1' });
  const runButton = h('button', { id: 'lab-run', className: 'primary', type: 'button' }, 'Run A and B');
  const runWhy = h('span', { id: 'lab-run-why', 'aria-live': 'polite' });
  runButton.setAttribute('aria-describedby', 'lab-run-why');
  const cancelButton = h('button', { id: 'lab-cancel', type: 'button', disabled: true }, 'Cancel');
  const bar = h('progress', { id: 'lab-progress', max: 1, value: 0 });
  const status = h('span', { id: 'lab-status', className: 'note', 'aria-live': 'polite' }, '');
  const results = h(
    'div',
    { className: 'lab-results', id: 'lab-results-box' },
    h('p', { className: 'note' }, 'Run the games to see the outcomes.'),
  );
  const staleNote = h('div', { id: 'lab-stale', role: 'status' });
  const resultsFor = h('p', { id: 'lab-results-for', className: 'note' });
  for (const input of [us, iran, preset]) input.addEventListener('change', refreshStale);
  for (const input of [first, last]) input.addEventListener('input', refreshRun);

  function finish(text: string): void {
    run = null;
    lockInputs(false);
    cancelButton.disabled = true;
    status.textContent = text;
    refreshVariant();
  }

  runButton.addEventListener('click', () => {
    const range = checkSeeds(first.value, last.value, MAX_SEEDS);
    if (!variant || run || !range.ok) return;
    const { first: from, last: to } = range;
    const seeds = to - from + 1;
    const paired = new PairedFigures();
    seedsDone = 0;
    let drawPending = false;
    const draw = () => {
      drawPending = false;
      bar.value = seedsDone / seeds;
      fill(results, renderResults(paired.differences(), seedsDone));
    };
    const t0 = performance.now();
    window.__twoBoxersLab = undefined;
    status.textContent = progressText(0, seeds, 0);
    shownFor = currentInputs();
    run = runLab(
      baseline,
      variant,
      { us: us.value, iran: iran.value, preset: preset.value || null },
      { first: from, last: to },
      {
        onRows: (a, b) => {
          a.forEach((row, i) => {
            paired.add(row, b[i]!);
          });
          seedsDone += a.length;
          status.textContent = progressText(seedsDone, seeds, performance.now() - t0);
          if (!drawPending) {
            drawPending = true;
            requestAnimationFrame(draw);
          }
        },
        onDone: (ms) => {
          draw();
          window.__twoBoxersLab = { seeds, games: 2 * seeds, ms };
          finish(`${countOf(2 * seeds, 'game')} (${countOf(seeds, 'seed')} × A and B) in ${(ms / 1000).toFixed(2)} s.`);
        },
        onError: (why) => {
          say(`The run stopped: ${why}`);
          finish(`Stopped after ${seedsDone.toLocaleString('en')} of ${countOf(seeds, 'seed')}.`);
        },
      },
    );
    cancelButton.disabled = false;
    lockInputs(true);
    refreshRun();
  });
  cancelButton.addEventListener('click', () => {
    if (!run) return;
    run.cancel();
    finish(`Cancelled after ${countOf(seedsDone, 'seed')}: the figures below are those games’.`);
  });

  /** Back loses the edits and stops a run: asked first when there is something to lose. */
  function leaveConfirmed(): boolean {
    const edits = values.size + invalid.size;
    if (edits === 0 && run === null) return true;
    const lost = [
      edits > 0 ? `your ${edits === 1 ? 'change' : `${edits} changes`} to the scenario will be lost` : null,
      run !== null ? 'the games under way will stop' : null,
    ].filter((x) => x !== null);
    const said = lost.join(' and ');
    const keep = edits > 0 ? ' (Export the variant first to keep it.)' : '';
    return window.confirm(`Leave the lab? ${said.charAt(0).toUpperCase()}${said.slice(1)}.${keep}`);
  }

  fill(
    main,
    h(
      'div',
      { className: 'lab-head' },
      h('h2', {}, 'Designer’s lab'),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            if (!leaveConfirmed()) return;
            run?.cancel();
            releaseLabWorkers();
            actions.back();
          },
        },
        'Back',
      ),
    ),
    h(
      'p',
      { className: 'lead' },
      'Change any number of the scenario, then play the variant (B) and the baseline (A) on the same seeds. Each seed is played under both, so the difference shows with fewer games; a ★ marks a figure whose 95% interval leaves out 0.',
    ),
    message,
    h(
      'div',
      { className: 'lab-cols' },
      h(
        'section',
        { className: 'card lab-variant', 'aria-labelledby': 'lab-variant-h' },
        h('h3', { id: 'lab-variant-h' }, '1. The variant'),
        h(
          'div',
          { className: 'lab-row' },
          h('label', { for: 'lab-source' }, 'Baseline'),
          source,
          h('label', { for: 'lab-file' }, 'or a scenario file'),
          fileInput,
        ),
        h(
          'p',
          { className: 'note' },
          `A file that names "${SHIPPED_MODEL}" as its model is composed with the model the game ships (the rules Two Boxers plays with); the export is a scenario that stands alone, rules included.`,
        ),
        h(
          'div',
          { className: 'lab-row' },
          h('label', { for: 'lab-filter' }, 'Find a number'),
          filter,
          h('label', { className: 'choice' }, onlyChanged, 'changed only'),
        ),
        form,
        h('h3', {}, 'Changes'),
        changes,
        h('div', { className: 'actions' }, exportButton),
      ),
      h(
        'section',
        { className: 'card lab-run', 'aria-labelledby': 'lab-run-h' },
        h('h3', { id: 'lab-run-h' }, '2. The games'),
        h(
          'div',
          { className: 'lab-grid' },
          h('label', { for: 'lab-us', className: 'side-us' }, 'US'),
          us,
          h('label', { for: 'lab-iran', className: 'side-iran' }, 'Iran'),
          iran,
          h('label', { for: 'lab-preset' }, 'Length'),
          preset,
          h('label', { for: 'lab-first' }, 'Seeds'),
          h('span', { className: 'lab-seeds' }, first, ' to ', last),
        ),
        h('div', { className: 'actions lab-actions' }, runButton, cancelButton, runWhy),
        h('div', { className: 'lab-progress' }, bar, status),
        h('h3', {}, '3. Outcomes: A ', baselineLabel, ' against B'),
        staleNote,
        resultsFor,
        results,
      ),
    ),
  );
  buildForm();
  focusHeading(main);
}
