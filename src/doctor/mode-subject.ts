// A file or directory that holds keys, and the mode the doctor wants for it: what assistants,
// stores and target kinds name for the file-modes check (file-modes.ts) to look at.
export interface ModeSubject {
  path: string;
  want: 0o600 | 0o700;
}
