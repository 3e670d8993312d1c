// What an assistant adapter (OpenClaw today) offers ollm: the target kinds that hand it the key,
// its doctor checks, and the files of its own that hold keys. One folder per assistant.
import type { DoctorCheckSpec, DoctorContext } from '../doctor/check.ts';
import type { ModeSubject } from '../doctor/file-modes.ts';
import type { TargetKind } from '../targets/kind.ts';

export interface Assistant {
  /** `openclaw` */
  readonly name: string;
  /** Its target kinds, in the order `--write` lists them (before the assistant-independent ones). */
  readonly targetKinds: readonly TargetKind<any>[];
  readonly doctorChecks: {
    /** Its configuration, reported after the key's own checks. */
    readonly config: readonly DoctorCheckSpec[];
    /** How it gets the key at run time, reported last. */
    readonly runtime: readonly DoctorCheckSpec[];
  };
  /** Its files and directories that hold keys (the doctor wants files 0600, directories 0700). */
  privateFiles(d: DoctorContext): Promise<ModeSubject[]>;
}
