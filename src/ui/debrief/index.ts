/**
 * The debrief's rooms, which app.ts loads on demand as one chunk: the debrief page (and its file picker) and
 * duplicate play. Neither page imports the other; app.ts hands each the way to the other.
 */
export { showDuplicate } from './duplicate.ts';
export { showDebrief, showDebriefPicker } from './page.ts';
