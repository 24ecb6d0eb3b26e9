import { describe, expect, it } from 'vitest';
import { hashState, type Scenario } from '../../src/engine/index.ts';
import { listProblems } from '../../src/ui/problems.ts';
import { type SaveFile, Session, type Settings } from '../../src/ui/session.ts';
import { shippedScenario } from '../shipped.ts';

const scenario: Scenario = shippedScenario('two-boxers');
const scenarios = [scenario];

const settings = (over: Partial<Settings> = {}): Settings => ({
  scenarioId: 'two-boxers',
  seed: '7',
  preset: null,
  side: 'us',
  opponent: 'harasser',
  ...over,
});

function newSession(over: Partial<Settings> = {}): Session {
  const s = Session.create(scenario, settings(over));
  if (!s.ok) throw new Error(s.errors[0]?.message);
  return s.value;
}

/** Plays n turns giving the first legal order each turn (or none), as a player clicking through would. */
async function playTurns(session: Session, n: number): Promise<void> {
  for (let i = 0; i < n && !session.over; i++) {
    for (const side of session.humanSides) {
      const view = session.view(side);
      const first = view.legalOrders.find((o) => o.type === (side === 'us' ? 'counter-isis' : 'rocket-attack'));
      const r = await session.commit(side, first ? [first] : []);
      if (!r.ok) throw new Error(r.errors[0]?.message);
    }
  }
}

describe('the browser session', () => {
  it('plays a turn against the computer: committing resolves the week at once', async () => {
    const s = newSession();
    const r = await s.commit('us', [{ type: 'counter-isis' }]);
    expect(r.ok).toBe(true);
    expect(r.ok && r.value?.turn).toBe(1);
    expect(s.state.turn).toBe(2);
    expect(s.turns).toHaveLength(1);
    expect(s.state.history[0]?.orders.us).toEqual([{ type: 'counter-isis' }]);
  });

  it('in hotseat waits for the second side, which acts next, and keeps orders sealed until both commit', async () => {
    const s = newSession({ opponent: 'hotseat' });
    expect(s.sideToAct).toBe('us');
    const r = await s.commit('us', [{ type: 'hold' }]);
    expect(r.ok && r.value).toBe(null);
    expect(s.sideToAct).toBe('iran');
    expect(s.view('iran').ownOrders).toBe(null);
    expect(JSON.stringify(s.view('iran'))).not.toContain('"hold"');
    const r2 = await s.commit('iran', []);
    expect(r2.ok && r2.value?.turn).toBe(1);
  });

  it('refuses an illegal order with a reason and leaves the game as it was', async () => {
    const s = newSession();
    const before = hashState(s.state);
    const r = await s.commit('us', [{ type: 'hand-over-base', base: 'ain-al-asad' }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.message).toMatch(/cannot be handed over/);
    expect(hashState(s.state)).toBe(before);
  });

  it('refuses settings naming a computer player that does not exist', async () => {
    const r = Session.create(scenario, settings({ opponent: 'nobody' }));
    expect(r.ok).toBe(false);
  });
});

describe('saves', () => {
  it('round-trip: a saved game loads to the same state, events and pending orders', async () => {
    const s = newSession({ opponent: 'hotseat' });
    await playTurns(s, 3);
    await s.commit('us', [{ type: 'surge-isr' }]);
    const save = JSON.parse(JSON.stringify(s.toSave('2026-01-01T00:00:00Z'))) as unknown;
    const loaded = Session.fromSave(scenarios, save);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(hashState(loaded.value.state)).toBe(hashState(s.state));
    expect(loaded.value.turns).toEqual(s.turns);
    expect(loaded.value.state.submitted.us).toEqual([{ type: 'surge-isr' }]);
    expect(loaded.value.sideToAct).toBe('iran');
  });

  const good = async (): Promise<SaveFile> => {
    const s = newSession();
    await playTurns(s, 2);
    return JSON.parse(JSON.stringify(s.toSave('2026-01-01T00:00:00Z'))) as SaveFile;
  };

  const cases: { name: string; edit: (save: SaveFile) => unknown; message: RegExp }[] = [
    { name: 'not a save at all', edit: () => ({ hello: 'world' }), message: /not a Two Boxers save/ },
    {
      name: 'a replay, which the viewer and the debrief open',
      edit: (x) => ({ ...(x.replay as object), format: 'two-boxers-replay' }),
      message: /a replay, not a save: open it with “Watch a replay…”/,
    },
    { name: 'an older format', edit: (x) => ({ ...x, formatVersion: 0 }), message: /older format/ },
    { name: 'a newer format', edit: (x) => ({ ...x, formatVersion: 9 }), message: /newer version/ },
    { name: 'a missing field', edit: (x) => ({ ...x, settings: undefined }), message: /damaged/ },
    {
      name: 'another scenario',
      edit: (x) => ({ ...x, settings: { ...x.settings, scenarioId: 'red-lines' } }),
      message: /scenario this game does not have/,
    },
    {
      name: 'a save from an earlier engine, naming its version',
      edit: (x) => ({ ...x, engineVersion: '1.1.0' }),
      message: /version 1\.1\.0 of the game's rules; this is version \d+\.\d+\.\d+/,
    },
    {
      name: 'a save from before the scenario changed',
      edit: (x) => ({ ...x, replay: { ...x.replay, scenarioHash: '0123456789abcd' } }),
      message: /earlier version of the Two Boxers scenario/,
    },
    { name: 'an edited seed', edit: (x) => ({ ...x, settings: { ...x.settings, seed: '8' } }), message: /edited/ },
    {
      name: 'an edited order',
      edit: (x) => {
        const turns = x.replay.turns.map((t, i) => (i === 0 ? { ...t, us: [{ type: 'hold' }] } : t));
        return { ...x, replay: { ...x.replay, turns } };
      },
      message: /edited or damaged/,
    },
    {
      name: 'an illegal order',
      edit: (x) => {
        const turns = x.replay.turns.map((t, i) =>
          i === 0 ? { ...t, us: [{ type: 'hand-over-base', base: 'nowhere' }] } : t,
        );
        return { ...x, replay: { ...x.replay, turns } };
      },
      message: /refuse/,
    },
    {
      name: 'a truncated record',
      edit: (x) => ({ ...x, replay: { ...x.replay, turns: x.replay.turns.slice(0, 1) } }),
      message: /edited or damaged/,
    },
  ];
  for (const c of cases)
    it(`refuses ${c.name} with a clear message`, async () => {
      const r = Session.fromSave(scenarios, c.edit(await good()));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.errors[0]?.message).toMatch(c.message);
    });
});

describe("the browser's own copy of the game (autosave, the replaced game)", () => {
  it('holds no sealed orders of a hotseat side while the other still chooses: it reopens at the start of that week', async () => {
    const s = newSession({ opponent: 'hotseat' });
    await playTurns(s, 2);
    const weekStart = hashState(s.state);
    await s.commit('us', [{ type: 'surge-isr' }]);
    expect(s.sealedWhileOtherChooses).toBe('us');
    const stored = JSON.parse(JSON.stringify(s.toStoredSave('2026-01-01T00:00:00Z'))) as SaveFile;
    expect(stored.pending).toEqual({ us: null, iran: null });
    expect(JSON.stringify(stored)).not.toContain('surge-isr');
    const reloaded = Session.fromSave(scenarios, stored);
    if (!reloaded.ok) throw new Error(reloaded.errors[0]?.message);
    expect(hashState(reloaded.value.state)).toBe(weekStart);
    expect(reloaded.value.sideToAct).toBe('us');
    // The game in the page keeps them: the second player goes on choosing.
    expect(s.state.submitted.us).toEqual([{ type: 'surge-isr' }]);
  });

  const cases: { name: string; over: Partial<Settings>; seal: boolean }[] = [
    { name: 'a hotseat week before anyone has sealed', over: { opponent: 'hotseat' }, seal: false },
    { name: 'a game against the computer', over: {}, seal: true },
  ];
  for (const c of cases)
    it(`is the whole save in ${c.name}`, async () => {
      const s = newSession(c.over);
      await playTurns(s, 1);
      if (c.seal) await s.commit('us', [{ type: 'hold' }]);
      expect(s.sealedWhileOtherChooses).toBe(null);
      expect(s.toStoredSave('2026-01-01T00:00:00Z')).toEqual(s.toSave('2026-01-01T00:00:00Z'));
    });
});

describe('a refused save says where it is wrong', () => {
  const good = async (): Promise<SaveFile> => {
    const s = newSession();
    await playTurns(s, 2);
    return JSON.parse(JSON.stringify(s.toSave('2026-01-01T00:00:00Z'))) as SaveFile;
  };
  const withTurn = (x: SaveFile, i: number, edit: (t: SaveFile['replay']['turns'][number]) => object) => ({
    ...x,
    replay: { ...x.replay, turns: x.replay.turns.map((t, j) => (j === i ? edit(t) : t)) },
  });

  const cases: { name: string; edit: (save: SaveFile) => unknown; path: string; message: RegExp }[] = [
    {
      name: 'an order the rules refuse, at its field in its turn',
      edit: (x) =>
        withTurn(x, 1, (t) => ({
          ...t,
          iran: [{ type: 'rocket-attack', group: 'kh', base: 'nowhere', claim: 'unclaimed' }],
        })),
      path: 'replay.turns[1].iran[0].base',
      message: /Turn 2 holds an order the rules refuse: unknown base "nowhere"/,
    },
    {
      name: 'a turn that does not play out as recorded, at its hash',
      edit: (x) => withTurn(x, 0, (t) => ({ ...t, us: [{ type: 'hold' }] })),
      path: 'replay.turns[0].hash',
      message: /edited or damaged/,
    },
    {
      name: "a damaged game record, inside the save's replay",
      edit: (x) => withTurn(x, 1, (t) => ({ ...t, hash: 'not-a-hash' })),
      path: 'replay.turns[1].hash',
      message: /game record is damaged/,
    },
    {
      name: 'a damaged field of the save',
      edit: (x) => ({ ...x, savedAt: 7 }),
      path: 'savedAt',
      message: /damaged/,
    },
    {
      name: 'a formatVersion that is not a number, rather than "a newer version"',
      edit: (x) => ({ ...x, formatVersion: '1' }),
      path: 'formatVersion',
      message: /"formatVersion" is not a number \(it is "1"\)/,
    },
    {
      name: 'a missing formatVersion',
      edit: ({ formatVersion: _, ...x }) => x,
      path: 'formatVersion',
      message: /"formatVersion" is not a number \(it is missing\)/,
    },
    {
      name: 'a computer opponent this game does not have, at its setting',
      edit: (x) => ({ ...x, settings: { ...x.settings, opponent: 'nobody' } }),
      path: 'settings.opponent',
      message: /no computer player "nobody"/,
    },
    {
      name: 'a preset the scenario does not have, at its setting',
      edit: (x) => ({ ...x, settings: { ...x.settings, preset: 'marathon' } }),
      path: 'settings.preset',
      message: /unknown preset "marathon"/,
    },
    {
      name: 'sealed orders the rules refuse, at the field',
      edit: (x) => ({ ...x, pending: { us: [{ type: 'hand-over-base', base: 'nowhere' }], iran: null } }),
      path: 'pending.us[0].base',
      message: /US side’s sealed orders are not legal/,
    },
    {
      name: 'an order this version does not know, at its type',
      edit: (x) => withTurn(x, 1, (t) => ({ ...t, us: [{ type: 'hold' }, { type: 'moon-landing' }] })),
      path: 'replay.turns[1].us[1].type',
      message: /does not know \("moon-landing"/,
    },
  ];
  for (const c of cases)
    it(`names the path of ${c.name}`, async () => {
      const r = Session.fromSave(scenarios, c.edit(await good()));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors[0]).toMatchObject({ path: c.path });
      expect(r.errors[0]?.message).toMatch(c.message);
      expect(listProblems(r.errors, 'save.json')).toContain(`save.json: ${c.path}: `);
    });

  it('lists every problem of a damaged save, each with its path', async () => {
    const save = await good();
    const r = Session.fromSave(scenarios, {
      ...save,
      savedAt: 7,
      engineVersion: 8,
      settings: { ...save.settings, seed: 9 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path).sort()).toEqual(['engineVersion', 'savedAt', 'settings.seed']);
  });
});

describe('share links', () => {
  it('open the same game in another session', async () => {
    const s = newSession({ side: 'iran', opponent: 'measured' });
    await playTurns(s, 4);
    const code = s.toShareCode();
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    const opened = Session.fromShareCode(scenarios, code);
    expect(opened.ok).toBe(true);
    if (opened.ok) expect(hashState(opened.value.state)).toBe(hashState(s.state));
  });

  it('refuse an edited or truncated link with a message', async () => {
    const s = newSession();
    await playTurns(s, 2);
    const code = s.toShareCode();
    const truncated = Session.fromShareCode(scenarios, code.slice(0, code.length / 2));
    expect(!truncated.ok && truncated.errors[0]?.message).toMatch(/damaged|altered/);
    const payload = JSON.parse(Buffer.from(code, 'base64url').toString('utf8'));
    payload.t[0][0] = [{ type: 'hold' }];
    const edited = Session.fromShareCode(scenarios, Buffer.from(JSON.stringify(payload)).toString('base64url'));
    expect(!edited.ok && edited.errors[0]?.message).toMatch(/altered/);
    const garbage = Session.fromShareCode(scenarios, '!!!not-base64');
    expect(garbage.ok).toBe(false);
  });

  it('say where an edited link is wrong, in words a player can follow', async () => {
    const s = newSession();
    await playTurns(s, 3);
    const payload = JSON.parse(Buffer.from(s.toShareCode(), 'base64url').toString('utf8'));
    const open = (edit: (p: typeof payload) => void) => {
      const copy = structuredClone(payload);
      edit(copy);
      const r = Session.fromShareCode(scenarios, Buffer.from(JSON.stringify(copy)).toString('base64url'));
      return r.ok ? 'opened' : r.errors[0]!.message;
    };
    expect(open((p) => (p.s.side = 'russia'))).toMatch(/altered: .*\(its settings' side: .*"us"/);
    expect(open((p) => (p.t[1][1] = [{ type: 'no-such-order' }]))).toMatch(
      /week 2's Iranian orders \(order 1's type\): Invalid discriminator value\.\)/,
    );
    expect(open((p) => (p.h = 42))).toMatch(/its final check: /);
    // A link holds one check, at its end: the message says what was replayed and what may have changed.
    expect(open((p) => (p.s.seed = 'another seed'))).toMatch(
      /its 3 weeks of orders, played again from its seed, do not end where the link says/,
    );
  });

  it('drop a desk PIN written into a link by hand: the game opens with a desk of its own', async () => {
    const s = newSession({ opponent: 'hotseat', classroom: true });
    await playTurns(s, 1);
    const payload = JSON.parse(Buffer.from(s.toShareCode(), 'base64url').toString('utf8'));
    payload.s.deskPin = { salt: '0'.repeat(32), hash: '0'.repeat(64) };
    const opened = Session.fromShareCode(scenarios, Buffer.from(JSON.stringify(payload)).toString('base64url'));
    expect(opened.ok && opened.value.settings.classroom).toBe(true);
    expect(opened.ok && 'deskPin' in opened.value.settings).toBe(false);
  });

  it('refuse a link made under other rules, naming the version, rather than calling it altered', async () => {
    const s = newSession();
    await playTurns(s, 1);
    const payload = JSON.parse(Buffer.from(s.toShareCode(), 'base64url').toString('utf8'));
    const encode = (p: unknown) => Buffer.from(JSON.stringify(p)).toString('base64url');
    const older = Session.fromShareCode(scenarios, encode({ ...payload, e: '1.1.0' }));
    expect(!older.ok && older.errors[0]?.message).toMatch(/version 1\.1\.0 of the game's rules/);
    const { e: _engine, ...first } = payload;
    const firstFormat = Session.fromShareCode(scenarios, encode({ ...first, v: 1 }));
    expect(!firstFormat.ok && firstFormat.errors[0]?.message).toMatch(/an earlier version of the game's rules/);
  });
});

describe('a classroom game with a facilitator', () => {
  /** Two teams, one rocket that hurts, an inject before it and a ruling after it. */
  async function facilitated(): Promise<{ s: Session; attackId: number }> {
    for (let i = 0; i < 100; i++) {
      const s = newSession({ opponent: 'hotseat', classroom: true, seed: `class-${i}` });
      const released = s.release({ type: 'card', card: 'oil-price-collapse' });
      if (!released.ok) throw new Error(released.errors[0]?.message);
      await s.commit('us', [{ type: 'hold' }]);
      const r = await s.commit('iran', [{ type: 'rocket-attack', group: 'kh', base: 'taji', claim: 'unclaimed' }]);
      if (!r.ok || !r.value) throw new Error('the turn did not resolve');
      const attack = r.value.events.find((e) => e.type === 'attack');
      if (attack?.type === 'attack' && attack.hits > 0) return { s, attackId: attack.attackId };
    }
    throw new Error('no seed in 100 where the rockets hit');
  }

  it("opens the turn's news with the inject and overrules a roll of the turn just resolved", async () => {
    const { s, attackId } = await facilitated();
    expect(s.turns[0]!.events[0]).toMatchObject({ type: 'card', card: 'oil-price-collapse', released: 'deck' });
    expect(s.canOverrule).toBe(true);
    const ruling = { type: 'attack-missed', attack: attackId, reason: 'The salvo fell in the desert.' } as const;
    const r = s.overrule([ruling]);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    expect(s.turns).toHaveLength(1);
    expect(s.turns[0]!.events[0]).toMatchObject({ type: 'card', released: 'deck' }); // the inject stays in the news
    expect(r.value.events.find((e) => e.type === 'attack')).toMatchObject({ attackId, hits: 0 });
    expect(s.lastRulings).toEqual([ruling]);
  });

  it('refuses a ruling that finds no roll, and keeps the game as it was', async () => {
    const { s } = await facilitated();
    const before = hashState(s.state);
    const r = s.overrule([{ type: 'attack-missed', attack: 999, reason: 'No such attack.' }]);
    expect(r.ok).toBe(false);
    expect(hashState(s.state)).toBe(before);
    expect(s.turns).toHaveLength(1);
    expect(s.canOverrule).toBe(true);
  });

  it('cannot overrule once the next turn has begun', async () => {
    const { s, attackId } = await facilitated();
    expect(s.release({ type: 'card', card: 'commander-doubts-campaign' }).ok).toBe(true);
    const r = s.overrule([{ type: 'attack-missed', attack: attackId, reason: 'Too late.' }]);
    expect(r.ok).toBe(false);
  });

  it('saves and links carry the injects and rulings: the game reopens to the same state and news', async () => {
    const { s, attackId } = await facilitated();
    s.overrule([{ type: 'attack-missed', attack: attackId, reason: 'The salvo fell in the desert.' }]);
    expect(s.release({ type: 'card', card: 'commander-doubts-campaign' }).ok).toBe(true);
    const save = JSON.parse(JSON.stringify(s.toSave('2026-11-24T08:00:00Z')));
    const loaded = Session.fromSave(scenarios, save);
    if (!loaded.ok) throw new Error(loaded.errors[0]?.message);
    expect(hashState(loaded.value.state)).toBe(hashState(s.state));
    expect(loaded.value.turns).toEqual(s.turns);
    expect(loaded.value.released).toEqual(s.released);
    expect(loaded.value.settings.classroom).toBe(true);
    const linked = Session.fromShareCode(scenarios, s.toShareCode());
    if (!linked.ok) throw new Error(linked.errors[0]?.message);
    expect(hashState(linked.value.state)).toBe(hashState(s.state));
  });
});
