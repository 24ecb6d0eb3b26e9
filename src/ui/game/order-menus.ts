import { type Order, type OrderType, type Scenario, specOf } from '../../engine/index.ts';
import { h } from '../dom.ts';
import { FIELD_LABELS, orderFields, valueLabel } from '../labels.ts';

/** What the menus hold: an order type and, field by field, its targets. Kept by the screen across redraws. */
export interface MenuChoice {
  type?: OrderType;
  fields: Record<string, unknown>;
}

export interface OrderMenus {
  /** The order's menu, then one labelled menu per field, each in its own row element. */
  rows: HTMLElement[];
  /** The first of `rows`: the order's menu with its label. */
  typeRow: HTMLElement;
  typeSelect: HTMLSelectElement;
  /** The legal order the menus now name, if any. */
  order: Order | undefined;
}

/**
 * The order builder's menus, shared by the one-device and the team screens: the order first (its name and cost),
 * then each of its fields (group, target, front...), each menu offering only what some legal order allows given the
 * menus before it. Long target names get a menu of their own instead of one menu of every order spelled out, which a
 * narrow panel cuts. `choice` is corrected in place to a legal order; `changed` is told which menu moved (its id), so
 * the screen redraws and gives it the focus back. Ids: `${prefix}-type`, then `${prefix}-${field}`.
 *
 * `previous`, the menus this same builder drew last, lends its order menu and row when they offer the same orders:
 * a menu rebuilt on every change forgets what the player has typed so far ("Surge" landed on "Strike" at the "S"),
 * so the screen must put the kept row back with `refill`, which does not take it out of the page.
 */
export function orderMenus(
  scenario: Scenario,
  legal: readonly Order[],
  choice: MenuChoice,
  changed: (id: string) => void,
  prefix = 'order',
  describedBy?: string,
  previous?: OrderMenus,
): OrderMenus {
  const typeId = `${prefix}-type`;
  const types = [...new Set(legal.map((o) => o.type))];
  if (!choice.type || !types.includes(choice.type)) {
    choice.type = types[0];
    choice.fields = {};
  }
  const label = (t: OrderType) => {
    const spec = specOf(scenario, t);
    return `${spec.name} — cost ${spec.cost}`;
  };
  const kept = previous && sameOptions(previous.typeSelect, types, label) ? previous : undefined;
  let typeSelect: HTMLSelectElement;
  let typeRow: HTMLElement;
  if (kept) {
    // Its listener is this builder's too (same choice, same redraw): only the choice it shows may have moved.
    typeSelect = kept.typeSelect;
    typeRow = kept.typeRow;
    if (choice.type) typeSelect.value = choice.type;
  } else {
    const select = h(
      'select',
      { id: typeId, 'aria-describedby': describedBy },
      types.map((t) => h('option', { value: t, selected: t === choice.type }, label(t))),
    );
    select.addEventListener('change', () => {
      choice.type = select.value as OrderType;
      choice.fields = {};
      changed(typeId);
    });
    typeSelect = select;
    typeRow = h('div', { className: 'row one' }, h('div', {}, h('label', { for: typeId }, 'Order'), select));
  }
  const rows: HTMLElement[] = [typeRow];
  const ofType = legal.filter((o) => o.type === choice.type);
  const fields = ofType[0] ? orderFields(ofType[0]) : [];
  const field = (o: Order, f: string) => (o as unknown as Record<string, unknown>)[f];
  const selects: HTMLElement[] = [];
  for (const [i, name] of fields.entries()) {
    const matching = ofType.filter((o) => fields.slice(0, i).every((f) => field(o, f) === choice.fields[f]));
    // Values compared as JSON: a field may hold null (no front retired) as well as a string or a boolean.
    const values = [...new Set(matching.map((o) => JSON.stringify(field(o, name))))].map(
      (v) => JSON.parse(v) as unknown,
    );
    if (!values.some((v) => v === choice.fields[name])) choice.fields[name] = values[0];
    const id = `${prefix}-${name}`;
    const select = h(
      'select',
      { id },
      values.map((v) =>
        h('option', { value: JSON.stringify(v), selected: v === choice.fields[name] }, valueLabel(scenario, name, v)),
      ),
    );
    select.addEventListener('change', () => {
      choice.fields[name] = JSON.parse(select.value);
      for (const later of fields.slice(i + 1)) delete choice.fields[later];
      changed(id);
    });
    selects.push(h('div', {}, h('label', { for: id }, FIELD_LABELS[name] ?? name), select));
  }
  if (selects.length > 0) rows.push(h('div', { className: 'row' }, selects));
  const order = ofType.find((o) => fields.every((f) => field(o, f) === choice.fields[f]));
  return { rows, typeRow, typeSelect, order };
}

/** Whether a menu offers these orders, in this order and with these words. */
function sameOptions(select: HTMLSelectElement, types: readonly OrderType[], label: (t: OrderType) => string): boolean {
  const options = select.options;
  return (
    options.length === types.length && types.every((t, i) => options[i]?.value === t && options[i].text === label(t))
  );
}
