import { compareTeams, type Team } from '../../analysis/duplicate.ts';
import { playBack } from '../../analysis/record.ts';
import type { Scenario } from '../../engine/index.ts';
import type { ClassroomClient } from '../../net/client.ts';
import type { GameOverview, Overview } from '../../net/protocol.ts';
import { comparisonView } from '../debrief/comparison.ts';
import { fill, h } from '../dom.ts';

/** A game's name in the comparison: its number and the teams that play it, as the class knows them. */
export const gameTeamsName = (g: GameOverview): string =>
  `Game ${g.index} (${g.seats.us ?? 'no team'} / ${g.seats.iran ?? 'no team'})`;

/**
 * The debrief's compare-teams view over the session's games, kept up to date as their weeks resolve: every game of a
 * session plays the same seed, so this is duplicate play while it happens. Each game's replay comes from the server
 * (desk:replay) and is played back here with the engine, as the debrief does with a saved replay; a game is fetched
 * again only when its record may have changed between weeks (a week resolved, an inject, a ruling), not when a team
 * merely commits.
 */
export class LiveComparison {
  readonly root = h('section', {
    className: 'debrief desk-compare',
    id: 'desk-compare',
    'aria-labelledby': 'desk-compare-h',
  });
  private readonly played = new Map<string, { seq: number; team: Team }>();
  private latest: Overview | null = null;
  private running = false;
  private problem: string | null = null;

  constructor(
    private readonly scenario: Scenario,
    private readonly client: ClassroomClient,
  ) {
    this.draw();
  }

  /** A new overview: fetch the games whose record moved, then redraw (one round at a time, the newest overview last). */
  update(o: Overview): void {
    this.latest = o;
    if (!this.running) void this.round();
  }

  private async round(): Promise<void> {
    this.running = true;
    try {
      for (let o = this.latest; o !== null; o = this.latest === o ? null : this.latest) {
        let changed = false;
        for (const g of o.games) {
          const known = this.played.get(g.gameId);
          const between = !g.committed.us && !g.committed.iran; // a commit alone adds nothing to the record
          if (known && (known.seq === g.seq || !between)) {
            if (known.team.name !== gameTeamsName(g)) {
              known.team = { ...known.team, name: gameTeamsName(g) };
              changed = true;
            }
            continue;
          }
          let reply = await this.client.request('desk:replay', { gameId: g.gameId });
          // Twenty games resolving at once can meet the server's flood guard: wait as it says, then ask again.
          for (let tries = 0; !reply.ok && reply.error.code === 'rate-limited' && tries < 3; tries++) {
            const wait = 1000 * (reply.error.retryAfterSeconds ?? 1);
            await new Promise((r) => setTimeout(r, wait));
            reply = await this.client.request('desk:replay', { gameId: g.gameId });
          }
          if (!reply.ok) {
            this.problem = `Game ${g.index} cannot be compared now: ${reply.error.message}`;
            continue;
          }
          const game = playBack(this.scenario, reply.replay);
          if (!game.ok) {
            this.problem = `Game ${g.index} does not play back here: ${game.errors[0]?.message}`;
            continue;
          }
          this.problem = null;
          this.played.set(g.gameId, { seq: g.seq, team: { name: gameTeamsName(g), game: game.value } });
          changed = true;
        }
        if (changed || this.problem) this.draw();
      }
    } finally {
      this.running = false;
    }
  }

  private draw(): void {
    const o = this.latest;
    const head = h('h2', { id: 'desk-compare-h' }, 'Compare the teams (live)');
    const about = h(
      'p',
      { className: 'note' },
      'Every game of the class plays the same seed, so the dice are the same for all: each difference comes from the teams’ choices. This updates as each week resolves.',
    );
    const teams = (o?.games ?? []).flatMap((g) => this.played.get(g.gameId)?.team ?? []);
    const note = (text: string) => h('p', { className: 'note', id: 'desk-compare-note' }, text);
    let body: HTMLElement;
    // Before the class's overview comes in, how many games it plays is not known yet.
    if (o && o.games.length < 2)
      body = note('This class plays one game: comparing teams needs a session of two games or more.');
    else if (!o || teams.length < o.games.length) body = note('Reading the games…');
    else if (teams.every((t) => t.game.turns.length === 0)) body = note('No week has been played yet.');
    else {
      const compared = compareTeams(teams);
      body = compared.ok
        ? comparisonView(this.scenario, compared.value)
        : h('p', { className: 'error' }, compared.errors[0]?.message ?? 'These games cannot be compared.');
    }
    fill(
      this.root,
      head,
      about,
      this.problem ? h('p', { className: 'error', role: 'alert' }, this.problem) : null,
      body,
    );
  }
}
