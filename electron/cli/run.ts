/** The command line's process entry: electron/bin/siglum.mjs runs this file under tsx. */
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
