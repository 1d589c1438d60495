/**
 * How the command-line scripts end: the exit code their work returns, or, on any error, its
 * message on one line (our errors are written for people) and exit code 1.
 */
export function runCli(work: () => Promise<number>): void {
  work().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(String((error as Error)?.message ?? error));
      process.exit(1);
    },
  );
}
