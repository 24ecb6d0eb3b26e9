import { strikeLookBack } from '../analysis/questions.ts';
import { beliefs } from '../analysis/timeline.ts';
import { type GameState, groupName, type Scenario, siteName } from '../engine/index.ts';
import { h } from './dom.ts';

/**
 * The ground truth the players could not see during play, as tables: the end screen shows them, and the debrief
 * again beside what the US believed.
 */

/** Each attack: who claimed it, what the US believed and how sure it was, and who really fired. */
export function beliefTable(scenario: Scenario, state: GameState): HTMLElement {
  const rows = beliefs(scenario, state);
  if (rows.length === 0) return h('p', { className: 'note' }, 'No attacks were made.');
  return h(
    'table',
    { className: 'truth' },
    h('caption', { className: 'note' }, 'Every attack: what US intelligence concluded, and who really fired'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Week'),
        h('th', { scope: 'col' }, 'Attack on'),
        h('th', { scope: 'col' }, 'Claimed by'),
        h('th', { scope: 'col' }, 'The US believed'),
        h('th', { scope: 'col' }, 'Who really fired'),
        h('th', { scope: 'col', className: 'num' }, 'US killed'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, r.turn),
          h('td', {}, r.target),
          h('td', {}, r.claimedBy),
          h(
            'td',
            {},
            // A ruling's suspect is the facilitator's call, not an intelligence assessment: say so, with its reason.
            r.ruledBecause !== null
              ? `${r.suspect ?? 'no suspect'}, by the facilitator’s ruling (“${r.ruledBecause}”), not US intelligence`
              : r.suspect
                ? `${r.suspect}: ${r.word}, ${Math.round(r.confidence / 10)}%`
                : r.stateAct
                  ? 'Iran'
                  : 'no suspect',
          ),
          h(
            'td',
            { className: r.right ? 'truth-right' : 'truth-wrong' },
            r.stateAct ? r.firedBy : `${r.firedBy}${r.autonomous ? ', on its own initiative' : ', on Iran’s order'}`,
          ),
          h('td', { className: 'num' }, r.usKilled),
        ),
      ),
    ),
  );
}

/** Each US strike, and whether the group struck had really attacked. */
export function strikeTable(scenario: Scenario, state: GameState): HTMLElement | null {
  if (state.strikes.length === 0) return null;
  return h(
    'table',
    {},
    h(
      'caption',
      { className: 'note' },
      `US strikes, and whether the group struck had really attacked ${strikeLookBack(scenario, 'strike')} (a campaign's strikes: ${strikeLookBack(scenario, 'campaign')}); the strike rules look no further back`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Week'),
        h('th', { scope: 'col' }, 'Site'),
        h('th', { scope: 'col' }, 'Group'),
        h('th', { scope: 'col' }, 'Deserved?'),
        h('th', { scope: 'col', className: 'num' }, 'Iraqis killed'),
      ),
    ),
    h(
      'tbody',
      {},
      state.strikes.map((x) =>
        h(
          'tr',
          {},
          h('td', {}, x.turn),
          h('td', {}, siteName(scenario, x.site)),
          h('td', {}, groupName(scenario, x.group)),
          h(
            'td',
            { className: x.justified ? 'truth-right' : 'truth-wrong' },
            x.justified
              ? `yes: it attacked ${strikeLookBack(scenario, x.kind)}`
              : `no: no attack by it ${strikeLookBack(scenario, x.kind)}`,
          ),
          h('td', { className: 'num' }, x.casualties.iraqiForcesKilled + x.casualties.civiliansKilled),
        ),
      ),
    ),
  );
}
