/**
 * A problem the person at the keyboard can fix, with the exit code to leave with:
 * 2 when the command line was wrong (a bad argument, a missing option), 1 otherwise.
 * The CLI prints the message; it is never a stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "UserError";
  }
}
