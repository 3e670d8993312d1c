// A failure of the harness itself: printed as one line saying what could not start.
export class HarnessError extends Error {}
