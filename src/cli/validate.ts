import { die, parseArgs, readScenario, runMain } from './args.ts';

/**
 * Checks scenario files against the schema and the cross-references between their parts.
 *   npm run validate -- FILE [FILE...]
 * Prints `FILE: OK (...)` or one `FILE: json.path: message` line per problem; exits 1 if any file fails.
 */
function main(): void {
  const parsed = parseArgs(process.argv.slice(2), {});
  if (!parsed.ok) die(parsed.message);
  const files = parsed.args.positional;
  if (files.length === 0) die('usage: npm run validate -- FILE [FILE...]');
  let failed = 0;
  for (const file of files) {
    const read = readScenario(file);
    if (read.ok) {
      const s = read.scenario;
      process.stdout.write(
        `${file}: OK (${s.orders.length} orders, ${s.sites.length} sites, ${s.cards.length} cards)\n`,
      );
    } else {
      failed++;
      process.stderr.write(`${read.lines.join('\n')}\n`);
    }
  }
  if (failed > 0) process.exit(1);
}

runMain(main);
