/** The command line's process entry: electron/bin/siglum.mjs runs this file (built, or under tsx). */
import { runCli } from './main.ts';

// `siglum list | head` closes the pipe early: that is the reader being done, not an
// error, so stop quietly instead of dying with an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
