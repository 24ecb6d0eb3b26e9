import type { Scenario } from '../../engine/index.ts';

/**
 * The variant as the lab exports it: a scenario file that stands alone, under an id and name of its own, so that
 * saves, replays and reports made with it are not taken for the baseline's. No DOM here.
 */

const ID_SUFFIX = '-variant';
const NAME_SUFFIX = ' (variant)';

/** The file to download: `two-boxers-variant.json`, id "two-boxers-variant", name "Two Boxers (variant)". */
export function variantFile(variant: Scenario): { fileName: string; text: string } {
  // A variant of a variant is still a variant: re-exporting a loaded export does not stack the suffixes.
  const id = variant.id.endsWith(ID_SUFFIX) ? variant.id : `${variant.id}${ID_SUFFIX}`;
  const name = variant.name.endsWith(NAME_SUFFIX) ? variant.name : `${variant.name}${NAME_SUFFIX}`;
  return { fileName: `${id}.json`, text: `${JSON.stringify({ ...variant, id, name }, null, 2)}\n` };
}
