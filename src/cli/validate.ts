import { die, type Help, parseArgs, runMain, specOf } from './args.ts';
import { validateFile } from './validate-file.ts';

/**
 * Checks the files of a scenarios folder, each as what it is (src/cli/validate-file.ts).
 *   npm run validate -- FILE [FILE...]
 * Prints `FILE: OK (...)` or one `FILE: json.path: message` line per problem; exits 1 if any file fails.
 */
const HELP: Help = {
  usage: 'npm run validate -- FILE [FILE...]',
  about:
    'Checks scenario files against the schema and the references between their parts, composed with the model\n' +
    'they name. A model file, a doctrines file and a JSON Schema are recognised by their $schema or their shape:\n' +
    'the first two are checked as such, a JSON Schema is skipped. Prints FILE: OK, or one FILE: json.path: message\n' +
    'line per problem, and exits 1 if any file fails.',
  options: {},
  examples: ['npm run validate -- scenarios/*.json my-variant.json'],
};

function main(): void {
  const parsed = parseArgs(process.argv.slice(2), specOf(HELP));
  if (!parsed.ok) die(parsed.message);
  const files = parsed.args.positional;
  if (files.length === 0) die('usage: npm run validate -- FILE [FILE...]');
  let failed = 0;
  for (const file of files) {
    const checked = validateFile(file);
    if (!checked.ok) failed++;
    (checked.ok ? process.stdout : process.stderr).write(`${checked.lines.join('\n')}\n`);
  }
  if (failed > 0) process.exit(1);
}

runMain(main);
