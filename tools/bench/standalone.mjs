// The frame of the bench's stand-alone scripts (idle, priority): numeric arguments, a tagged log, and clean-up steps
// that run however the script ends.

/** The number given as `--<name>=<n>` on the command line, or `fallback`. */
export function numericArgument(name, fallback) {
  const found = process.argv.find((entry) => entry.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
}

/** Writes progress lines to stderr, tagged with the script's name. */
export function taggedLog(tag) {
  return (text) => process.stderr.write(`[${tag}] ${text}\n`);
}

/**
 * Runs `main`, then every step of `cleanups` from the front (steps added with `unshift` run first), whether `main`
 * succeeds, fails or the process gets SIGINT or SIGTERM; exits 0, 1 or 130 accordingly.
 * @param {() => Promise<unknown>} main
 * @param {(() => Promise<unknown>)[]} cleanups
 * @param {(text: string) => void} log
 */
export function runWithCleanups(main, cleanups, log) {
  const cleanUp = async () => {
    for (let step = cleanups.shift(); step !== undefined; step = cleanups.shift()) {
      await step().catch((error) => log(`cleanup: ${error.message}`));
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping the services and removing the run's schemas and topics`);
      void cleanUp().then(() => process.exit(130));
    });
  }
  main()
    .then(cleanUp)
    .then(
      () => process.exit(0),
      async (error) => {
        log(error.stack ?? String(error));
        await cleanUp();
        process.exit(1);
      },
    );
}
