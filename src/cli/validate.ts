import { die, type Help, parseArgs, readScenario, runMain, specOf } from './args.ts';

/**
 * Checks scenario files against the schema and the cross-references between their parts.
 *   npm run validate -- FILE [FILE...]
 * Prints `FILE: OK (...)` or one `FILE: json.path: message` line per problem; exits 1 if any file fails.
 */
const HELP: Help = {
  usage: 'npm run validate -- FILE [FILE...]',
  about:
    'Checks scenario files against the schema and the references between their parts. Prints FILE: OK, or one\n' +
    'FILE: json.path: message line per problem, and exits 1 if any file fails.',
  options: {},
  examples: ['npm run validate -- scenarios/two-boxers.json my-variant.json'],
};

function main(): void {
  const parsed = parseArgs(process.argv.slice(2), specOf(HELP));
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
