import { ROSTER } from '../ai/roster.ts';
import { fail, longDate, type Scenario, type Side } from '../engine/index.ts';
import { h, fill, focusHeading } from './dom.ts';
import { loadAdvisors } from './game/advisors.ts';
import { GameScreen } from './game/screen.ts';
import { defaultOrderSeconds } from './classroom.ts';
import { makePin, pinProblem } from './desk-pin.ts';
import { type EndActions, renderEnd } from './end-screen.ts';
import { keepOpponent, opponentsAgainst } from './opponent-choice.ts';
import { listProblems } from './problems.ts';
import { victoryConditions } from './victory.ts';
import { type Session, Session as SessionClass, type Settings } from './session.ts';
import {
  clearAutosave,
  discardUnresumable,
  download,
  keepReplaced,
  keepUnresumable,
  readAutosave,
  readReplaced,
  readUnresumable,
  writeAutosave,
} from './storage.ts';

/** A fresh random seed for the new-game form. The UI may use the platform's randomness; the engine never does. */
function randomSeed(): string {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return String(bytes[0]! % 1_000_000);
}

/** The whole browser app: which screen shows, the current game, saving and loading. */
export class App {
  private session: Session | null = null;
  private game: GameScreen | null = null;
  private leaveViewer: (() => void) | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly scenarios: readonly Scenario[],
  ) {}

  /** First screen: a shared game from the link, else the autosaved game in progress, else the title. */
  start(): void {
    // The advisors' code is not in the start-up code: fetched now, it is ready by the first orders panel (whose
    // advisors box says so itself should the fetch fail).
    loadAdvisors().catch(() => undefined);
    if (this.openLink()) return;
    const saved = readAutosave();
    if (saved !== null) {
      const resumed =
        saved.json === undefined
          ? fail('save.json', 'its text is not complete JSON (cut short, or edited by hand)')
          : SessionClass.fromSave(this.scenarios, saved.json);
      if (resumed.ok) {
        this.adopt(resumed.value);
        if (resumed.value.over) this.end();
        else this.play();
        return;
      }
      // The next game's autosave replaces this one: it is kept aside first, and the title screen offers it.
      keepUnresumable(saved.text);
      this.title(listProblems(resumed.errors, 'Your saved game could not be resumed'));
      return;
    }
    this.title();
  }

  /**
   * Opens the game link in the address bar, if there is one (at start, or pasted into a tab already showing the
   * game), and takes it out of the address so a reload does not open it again. Returns whether there was a link.
   */
  openLink(): boolean {
    const code = new URLSearchParams(location.hash.slice(1)).get('g');
    if (!code) return false;
    const opened = SessionClass.fromShareCode(this.scenarios, code);
    history.replaceState(null, '', location.pathname + location.search);
    // The game in progress in this browser, if any: a damaged link must not hide it, a good one must not erase it.
    if (!this.session) this.session = this.resumeAutosave();
    if (this.session && !this.session.over && this.session.toShareCode() === code) {
      this.play(); // the link of the game already in progress here: nothing to replace
      return true;
    }
    if (!opened.ok) {
      this.title(listProblems(opened.errors));
      return true;
    }
    this.replaceWith(
      opened.value,
      'Opening this game link',
      () => this.play(),
      () => this.play(),
    );
    return true;
  }

  /** The autosaved game, if it can be resumed, without showing it. */
  private resumeAutosave(): Session | null {
    const saved = readAutosave();
    if (saved === null) return null;
    const resumed = saved.json === undefined ? null : SessionClass.fromSave(this.scenarios, saved.json);
    if (resumed?.ok) return resumed.value;
    keepUnresumable(saved.text);
    return null;
  }

  /**
   * Replaces the current game with another (a share link, a new game, a loaded save, a fork of a replay). A game in
   * progress is never lost by surprise: the player is asked first, and the replaced game is kept for "Restore".
   */
  private replaceWith(next: Session, action: string, then: () => void, keep: () => void): void {
    const current = this.session;
    if (!current || current.over) {
      this.adopt(next);
      then();
      return;
    }
    const s = current.scenario;
    const side = current.hotseat ? 'a hotseat game' : `the ${s.sides[current.settings.side].name}`;
    const yes = h(
      'button',
      {
        id: 'replace-game',
        onclick: () => {
          const kept = keepReplaced(current.toStoredSave(new Date().toISOString()));
          if (kept) {
            fill(message, h('div', { className: 'error' }, `${kept} Your game stays as it is.`));
            return;
          }
          this.adopt(next);
          then();
        },
      },
      'Replace it (mine is kept to restore)',
    );
    const message = h('div', { role: 'alert' });
    this.page(
      h('h2', {}, 'Replace the game in progress?'),
      h(
        'p',
        { className: 'lead' },
        `You are playing ${side}, week ${current.state.turn} of ${current.view(current.settings.side).lastTurn}. ${action} replaces it on this screen.`,
      ),
      h(
        'p',
        {},
        'Your game is not lost: it is kept in this browser, and “Restore the replaced game” on the title screen brings it back.',
      ),
      message,
      h(
        'div',
        { className: 'actions' },
        h('button', { id: 'keep-game', className: 'primary', onclick: keep }, 'Keep playing my game'),
        yes,
      ),
    );
  }

  /** The replaced game comes back; the game it replaces in turn is kept in its place (a swap: nothing is lost). */
  private restoreReplaced(): void {
    const restored = SessionClass.fromSave(this.scenarios, readReplaced());
    if (!restored.ok) {
      this.title(listProblems(restored.errors, 'The replaced game could not be restored'));
      return;
    }
    const current = this.session;
    if (current && !current.over) keepReplaced(current.toStoredSave(new Date().toISOString()));
    this.adopt(restored.value);
    if (restored.value.over) this.end();
    else this.play();
  }

  /** What the title screen says of the replaced game, or null if there is none to restore. */
  private replacedGame(): string | null {
    const saved = readReplaced();
    if (saved === null) return null;
    const settings = (saved as { settings?: { side?: unknown; opponent?: unknown } }).settings;
    const s = this.scenarios[0]!;
    if (settings?.opponent === 'hotseat') return 'a hotseat game';
    return settings?.side === 'us' || settings?.side === 'iran' ? `the ${s.sides[settings.side].short}` : 'a game';
  }

  private adopt(session: Session): void {
    this.game?.destroy();
    this.game = null;
    this.session = session;
    this.autosave();
  }

  /** Saves after every commit and every resolution. Returns an error message for the player, if any. */
  autosave(): string | null {
    if (!this.session) return null;
    return writeAutosave(this.session.toStoredSave(new Date().toISOString()));
  }

  private page(...children: Parameters<typeof fill>[1][]): HTMLElement {
    this.game?.destroy();
    this.game = null;
    this.leaveViewer?.();
    this.leaveViewer = null;
    const main = h('main', { id: 'main', className: 'page' }, ...children);
    fill(this.root, main);
    focusHeading(main);
    return main;
  }

  title(error?: string): void {
    const s = this.scenarios[0]!;
    const fileInput = h('input', {
      type: 'file',
      accept: '.json,application/json',
      className: 'sr-only',
      id: 'load-file',
    });
    const message = h('div', { role: 'alert' }, error ? h('div', { className: 'error' }, error) : null);
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      file.text().then((text) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          fill(message, h('div', { className: 'error' }, `${file.name} is not a save file: it is not valid JSON.`));
          return;
        }
        const loaded = SessionClass.fromSave(this.scenarios, json);
        if (!loaded.ok) {
          fill(message, h('div', { className: 'error' }, listProblems(loaded.errors, file.name)));
          return;
        }
        this.replaceWith(
          loaded.value,
          `Loading ${file.name}`,
          () => (loaded.value.over ? this.end() : this.play()),
          () => this.play(),
        );
      });
    });
    const canResume = this.session !== null && !this.session.over;
    const replaced = this.replacedGame();
    const unresumable = readUnresumable();
    this.page(
      h('div', { className: 'title-art' }, h('h1', {}, 'Two Boxers')),
      h('p', { className: 'lead' }, 'An escalation wargame of the standoff in Iraq, spring 2020.'),
      this.atAGlance(s),
      h('details', { className: 'summary' }, h('summary', {}, 'The situation in March 2020'), h('p', {}, s.summary)),
      message,
      unresumable === null ? null : this.unresumableBox(unresumable),
      h(
        'div',
        { className: 'actions' },
        canResume ? h('button', { className: 'primary', onclick: () => this.play() }, 'Continue the game') : null,
        h('button', { className: canResume ? '' : 'primary', onclick: () => this.setup() }, 'New game'),
        h('button', { onclick: () => fileInput.click() }, 'Load a save file…'),
        replaced
          ? h(
              'button',
              { id: 'restore-game', onclick: () => this.restoreReplaced() },
              `Restore the replaced game (${replaced})`,
            )
          : null,
        h('button', { onclick: () => void this.rules() }, 'Rules'),
        h('button', { onclick: () => this.viewer() }, 'Watch a replay…'),
        h('button', { onclick: () => void this.debrief() }, 'Debrief a saved game or replay'),
        h('button', { onclick: () => void this.compare() }, 'Compare teams'),
        h('button', { onclick: () => void this.briefings(null) }, 'Briefing packets'),
        h('button', { onclick: () => void this.lab() }, 'Designer’s lab'),
      ),
      fileInput,
      h(
        'p',
        { className: 'note' },
        'Everything in the game is built from public reporting of March 2020; the scenario notes give every source. ',
        'Keyboard: Tab moves between controls, Enter or Space activates them.',
      ),
    );
  }

  /**
   * A saved game this version could not resume, kept aside when it was found: the player may take it as a file (an
   * earlier version of the game may still open it) or let it go. Nothing else reads it.
   */
  private unresumableBox(text: string): HTMLElement {
    const box = h(
      'p',
      { className: 'note unresumable', id: 'unresumable' },
      'A saved game this version could not resume is kept in this browser: ',
      h(
        'button',
        {
          id: 'unresumable-download',
          className: 'link',
          onclick: () => download('two-boxers-unresumed-save.json', text),
        },
        'download it',
      ),
      ' or ',
      h(
        'button',
        {
          id: 'unresumable-discard',
          className: 'link',
          onclick: () => {
            discardUnresumable();
            box.remove();
          },
        },
        'discard it',
      ),
      '.',
    );
    return box;
  }

  /** The game in one look: where and when it is played, and the two sides with what each is after. */
  private atAGlance(s: Scenario): HTMLElement {
    const win = victoryConditions(s);
    const weeks = `${s.turns} weeks from ${longDate(s.startDate)}`;
    // Each briefing states the side's aim in one sentence ("What you want: ..."): the title shows that sentence.
    const aim = (id: Side) => {
      const want = /What you want: ([^.]+\.)/.exec(s.briefing[id])?.[1] ?? '';
      return want.charAt(0).toUpperCase() + want.slice(1);
    };
    const side = (id: Side) =>
      h(
        'section',
        { className: `glance-side glance-${id}`, 'aria-labelledby': `glance-${id}` },
        h('h2', { id: `glance-${id}`, className: `side-${id}` }, s.sides[id].name),
        h('p', { className: 'aim' }, aim(id)),
        h('p', { className: 'note' }, win[id]),
      );
    return h(
      'div',
      { className: 'glance' },
      h(
        'p',
        { className: 'theatre' },
        h('strong', {}, 'Iraq and its neighbours'),
        ` · ${weeks} · one week a turn, both sides order at once · ${win.war}`,
      ),
      h(
        'div',
        { className: 'glance-sides' },
        side('us'),
        h('p', { className: 'versus', 'aria-hidden': 'true' }, 'vs'),
        side('iran'),
      ),
    );
  }

  setup(): void {
    const scenario = this.scenarios[0]!;
    const form = h('form', { 'aria-labelledby': 'setup-title' });
    const error = h('div', { role: 'alert' });
    const side = (value: Side, label: string, cls: string) =>
      h(
        'label',
        { className: 'choice' },
        h('input', { type: 'radio', name: 'side', value, checked: value === 'us' }),
        h('span', { className: cls }, label),
      );
    const opponent = h('select', { id: 'opponent', name: 'opponent', 'aria-describedby': 'opponent-about' });
    const about = h('p', { id: 'opponent-about', className: 'note' });
    // Said beside the menu when a change of side cannot keep the opponent: a menu must not change unseen.
    const changed = h('p', { id: 'opponent-changed', className: 'note notice', 'aria-live': 'polite' });
    const describeOpponent = () => {
      const player = ROSTER.find((p) => p.id === opponent.value && p.side !== this.chosenSide(form));
      about.textContent =
        opponent.value === 'hotseat'
          ? 'Two players share this device; a hand-over screen hides each side’s orders from the other.'
          : (player?.description ?? '');
    };
    const fillOpponents = () => {
      const chosen = this.chosenSide(form);
      const kept = opponent.value ? keepOpponent(ROSTER, opponent.value, chosen) : null;
      fill(
        opponent,
        opponentsAgainst(ROSTER, chosen).map((o) =>
          h('option', { value: o.id }, o.id === 'hotseat' ? o.label : `Computer: ${o.label}`),
        ),
      );
      if (kept) opponent.value = kept.id;
      changed.textContent = kept?.changed
        ? `${kept.changed} plays only the ${this.scenarios[0]!.sides[chosen].short} side, now yours: your opponent is now ${opponent.selectedOptions[0]?.textContent ?? ''}.`
        : '';
      describeOpponent();
    };
    opponent.addEventListener('change', () => {
      changed.textContent = '';
      describeOpponent();
    });
    const seed = h('input', {
      id: 'seed',
      name: 'seed',
      value: randomSeed(),
      inputmode: 'numeric',
      autocomplete: 'off',
    });
    const classroom = h('input', { id: 'classroom', name: 'classroom', type: 'checkbox' });
    const minutes = h('input', {
      id: 'minutes',
      name: 'minutes',
      type: 'number',
      min: 0,
      max: 60,
      step: 0.5,
      value: 0,
      'aria-describedby': 'minutes-about',
    });
    const pin = h('input', {
      id: 'desk-pin',
      name: 'desk-pin',
      type: 'password',
      inputmode: 'numeric',
      autocomplete: 'off',
      maxlength: 8,
      'aria-describedby': 'desk-pin-about',
    });
    const classroomBox = h(
      'fieldset',
      { className: 'classroom' },
      h('legend', {}, 'Classroom'),
      h(
        'label',
        { className: 'choice' },
        classroom,
        h('span', {}, 'Classroom game: a class screen for the projector and a facilitator’s desk'),
      ),
      h('label', { for: 'minutes' }, 'Minutes for each team’s orders (0: no timer)'),
      minutes,
      h(
        'p',
        { id: 'minutes-about', className: 'note' },
        'The facilitator sees everything, releases injects, overrules rolls with a reason, pauses the game and sets the clock. With “another person” as the opponent, two teams play; with a computer opponent, one team plays it.',
      ),
      h('label', { for: 'desk-pin' }, 'Facilitator’s PIN (4 to 8 digits)'),
      pin,
      h(
        'p',
        { id: 'desk-pin-about', className: 'note' },
        'The desk asks for it before it opens, and only the desk resumes a paused game: the teams at the class screen cannot.',
      ),
    );
    const preset = h(
      'select',
      { id: 'preset', name: 'preset' },
      h('option', { value: '' }, `Full game: ${scenario.turns} weeks`),
      scenario.presets.map((p) => h('option', { value: p.id }, p.name)),
    );
    fill(
      form,
      h('h2', { id: 'setup-title' }, 'New game'),
      h(
        'div',
        { className: 'cols' },
        h(
          'div',
          {},
          h('label', { for: 'scenario' }, 'Scenario'),
          h(
            'select',
            { id: 'scenario', name: 'scenario' },
            this.scenarios.map((s) => h('option', { value: s.id }, s.name)),
          ),
          h('label', { for: 'preset' }, 'Length'),
          preset,
          h('label', { for: 'seed' }, 'Seed (the same seed and orders always give the same game)'),
          seed,
        ),
        h(
          'fieldset',
          {},
          h('legend', {}, 'Your side'),
          side('us', `${scenario.sides.us.name}`, 'side-us'),
          side('iran', `${scenario.sides.iran.name}`, 'side-iran'),
          h('label', { for: 'opponent' }, 'Opponent'),
          opponent,
          changed,
          about,
        ),
      ),
      classroomBox,
      error,
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit', className: 'primary' }, 'Read the briefing'),
        h('button', { type: 'button', onclick: () => this.title() }, 'Back'),
        h(
          'button',
          { type: 'button', onclick: () => void this.briefings(preset.value || null) },
          'Briefing packets (to print)',
        ),
      ),
    );
    form.addEventListener('change', (e) => {
      const name = (e.target as HTMLElement).getAttribute('name');
      if (name === 'side') fillOpponents();
      if (name === 'preset' || name === 'classroom') {
        const chosen = this.scenarios.find((x) => x.id === String(new FormData(form).get('scenario'))) ?? scenario;
        minutes.value = String(Math.round(defaultOrderSeconds(chosen, preset.value || null) / 30) / 2);
      }
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const settings: Settings = {
        scenarioId: String(data.get('scenario')),
        seed: String(data.get('seed')).trim(),
        preset: String(data.get('preset')) || null,
        side: String(data.get('side')) as Side,
        opponent: String(data.get('opponent')),
        ...(classroom.checked && {
          classroom: true,
          orderSeconds: Math.round(Math.max(0, Math.min(60, Number(minutes.value) || 0)) * 60),
        }),
      };
      if (settings.seed === '') {
        fill(error, h('div', { className: 'error' }, 'Enter a seed: any number or word.'));
        seed.focus();
        return;
      }
      const pinWrong = classroom.checked ? pinProblem(pin.value) : null;
      if (pinWrong) {
        fill(error, h('div', { className: 'error' }, pinWrong));
        pin.focus();
        return;
      }
      if (classroom.checked) void makePin(pin.value).then((deskPin) => start({ ...settings, deskPin }));
      else start(settings);
    });
    const start = (settings: Settings) => {
      const chosen = this.scenarios.find((s) => s.id === settings.scenarioId)!;
      const created = SessionClass.create(chosen, settings);
      if (!created.ok) {
        fill(error, h('div', { className: 'error' }, created.errors[0]?.message ?? 'Cannot start this game.'));
        return;
      }
      this.replaceWith(
        created.value,
        'Starting a new game',
        () => this.briefing(),
        () => this.play(),
      );
    };
    fillOpponents();
    this.page(form);
  }

  private chosenSide(form: HTMLFormElement): Side {
    return (form.querySelector<HTMLInputElement>('input[name=side]:checked')?.value ?? 'us') as Side;
  }

  briefing(): void {
    const session = this.session!;
    const s = session.scenario;
    const classroom = session.settings.classroom === true;
    // On a projected classroom screen each team reads its briefing behind its own hand-over screen (or on paper).
    const sides = classroom ? [] : session.hotseat ? (['us', 'iran'] as const) : [session.settings.side];
    this.page(
      h('h2', {}, `Briefing — ${s.name}`),
      h('p', { className: 'lead' }, s.summary),
      classroom
        ? h(
            'p',
            {},
            'Each team reads its own briefing on its first order screen, or on its printed briefing packet. The facilitator’s desk is in the top bar of the game.',
          )
        : null,
      // Both briefings show at once: they hold nothing the other side may not know (the title page states both aims),
      // so the page says so rather than ask the players to look away from half of it.
      session.hotseat && !classroom
        ? h(
            'p',
            { id: 'briefing-both', className: 'note' },
            'Hotseat: both sides’ briefings are here, and neither holds a secret: read them together. Each player finds their own again on their first hand-over screen; orders stay hidden behind it.',
          )
        : null,
      sides.map((side) =>
        h(
          'section',
          { className: 'card' },
          h('h3', { className: `side-${side}` }, s.sides[side].name),
          h('p', { className: 'briefing' }, s.briefing[side]),
          h('p', { className: 'win-rule' }, h('strong', {}, 'Exactly: '), victoryConditions(s)[side]),
        ),
      ),
      h(
        'div',
        { className: 'actions' },
        h('button', { className: 'primary', onclick: () => this.play() }, 'Begin the first week'),
        h('button', { onclick: () => void this.rules() }, 'Read the rules'),
      ),
    );
  }

  play(): void {
    const session = this.session;
    if (!session) {
      this.title();
      return;
    }
    if (session.over) {
      this.end();
      return;
    }
    this.game?.destroy();
    this.game = new GameScreen(this.root, session, {
      saved: () => this.autosave(),
      ended: () => this.end(),
      menu: () => this.title(),
      rules: () => void this.rules(),
    });
  }

  end(): void {
    const session = this.session!;
    const main = this.page();
    const actions: EndActions = {
      newGame: () => {
        clearAutosave();
        this.session = null;
        this.setup();
      },
      title: () => this.title(),
      // The debrief loads on demand: it is most of a class's last ten minutes, not part of playing.
      debrief: () =>
        import('./debrief/index.ts').then(({ showDebrief, showDuplicate }) =>
          showDebrief(main, session, {
            scenarios: [session.scenario],
            back: {
              label: 'Back to the result',
              action: () => {
                fill(main);
                renderEnd(main, session, actions);
                focusHeading(main);
              },
            },
            compare: showDuplicate,
            fork: (next) => this.whatIf(next),
          }),
        ),
    };
    renderEnd(main, session, actions);
    focusHeading(main);
  }

  /** Printable briefing packets, one per side: loaded on demand, they are not part of the first page. */
  async briefings(preset: string | null): Promise<void> {
    const { showBriefingPackets } = await import('./briefing-packet.ts');
    const main = this.page();
    showBriefingPackets(main, this.scenarios[0]!, { ...(preset && { preset }), onBack: () => this.title() });
    focusHeading(main);
  }

  /** The after-action review of a saved game or replay: loaded on demand. */
  async debrief(): Promise<void> {
    const { showDebriefPicker, showDuplicate } = await import('./debrief/index.ts');
    showDebriefPicker(this.page(), this.scenarios, {
      back: { label: 'Back', action: () => this.title() },
      compare: showDuplicate,
      fork: (next) => this.whatIf(next),
    });
  }

  /**
   * The debrief's "what if": the fork replaces the game on this screen. A finished game it replaces is kept for
   * "Restore the replaced game", so the class can go back to the debrief of the game as it was played.
   */
  private whatIf(next: Session): void {
    const current = this.session;
    if (current?.over) keepReplaced(current.toStoredSave(new Date().toISOString()));
    this.replaceWith(
      next,
      'Playing a week again',
      () => this.play(),
      () => this.play(),
    );
  }

  /** Duplicate play: several teams' saves of the same seed side by side. */
  async compare(): Promise<void> {
    const { showDuplicate } = await import('./debrief/index.ts');
    showDuplicate(this.page(), this.scenarios, { back: { label: 'Back', action: () => this.title() } });
  }

  /** The designer's lab: edit the scenario's numbers and compare outcomes over many seeds; loaded on demand. */
  async lab(): Promise<void> {
    const { showLab } = await import('./lab/index.ts');
    showLab(this.page(), { scenarios: this.scenarios, players: ROSTER }, { back: () => this.title() });
  }

  /** Opens a replay, a save or a game link in the replay viewer (the current game is left as it is). */
  viewer(error?: string): void {
    const fileInput = h('input', { type: 'file', accept: '.json,application/json', id: 'replay-file' });
    const link = h('input', { id: 'replay-link', 'aria-describedby': 'replay-link-about', autocomplete: 'off' });
    const message = h('div', { role: 'alert' }, error ? h('div', { className: 'error' }, error) : null);
    const open = async (input: unknown) => {
      const { openRecording, showReplay } = await import('./replay-viewer.ts');
      const opened = openRecording(this.scenarios, input);
      if (!opened.ok) {
        fill(message, h('div', { className: 'error' }, opened.errors[0]?.message ?? 'This cannot be played back.'));
        return;
      }
      this.page();
      this.leaveViewer = showReplay(
        this.root,
        opened.value.scenario,
        opened.value.game,
        {
          fork: (session) =>
            this.replaceWith(
              session,
              'Playing on from this replay',
              () => this.play(),
              () => this.play(),
            ),
          back: () => this.title(),
        },
        opened.value.players,
      );
    };
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      file.text().then((text) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          fill(message, h('div', { className: 'error' }, `${file.name} is not a replay: it is not valid JSON.`));
          return;
        }
        void open(json);
      });
    });
    this.page(
      h('h2', {}, 'Watch a replay'),
      h(
        'p',
        { className: 'lead' },
        'Step through a recorded game week by week, from either side or the facilitator’s seat, and play on from any week as a new game. A game that is not over opens with only what its players may see.',
      ),
      message,
      h('label', { for: 'replay-file' }, 'A replay or save file (from “Export save” or npm run sim -- --out)'),
      fileInput,
      h('label', { for: 'replay-link' }, 'Or a game link'),
      link,
      h('p', { id: 'replay-link-about', className: 'note' }, 'Paste the link from “Share link”.'),
      h(
        'div',
        { className: 'actions' },
        h('button', { className: 'primary', onclick: () => void open(link.value) }, 'Open the link'),
        h('button', { onclick: () => this.title() }, 'Back'),
      ),
    );
  }

  /** The rules page, loaded on demand: the page is not needed to play. */
  async rules(): Promise<void> {
    const { renderRules } = await import('./rules.ts');
    const main = this.page();
    renderRules(main, this.session?.scenario ?? this.scenarios[0]!, () =>
      this.session && !this.session.over ? this.play() : this.title(),
    );
    focusHeading(main);
  }
}
