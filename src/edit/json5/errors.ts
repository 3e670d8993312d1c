// The two errors a Json5Document throws; the syntax error never quotes the file's text.

/** The file parses but cannot be used or edited as asked (top level not an object, a path through a string…). */
export class Json5DocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Json5DocumentError';
  }
}

/** The file is not JSON5. Never quotes the offending text: it may be (part of) a secret. */
export class Json5SyntaxError extends Json5DocumentError {
  readonly line: number;
  readonly column: number;

  constructor(fileName: string, line: number, column: number, problem: string) {
    super(`${fileName} is not valid JSON5 at line ${line}, column ${column}: ${problem}`);
    this.name = 'Json5SyntaxError';
    this.line = line;
    this.column = column;
  }
}
