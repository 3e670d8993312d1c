// The doctor's list, in the order people read it: the proxy and the key, then the assistant's
// config, the places the key was written, file modes, and how the assistant gets the key at run
// time, then the scheduled rotation. `--json` has always listed the checks in this order.
import type { Assistant } from '../assistants/assistant.ts';
import type { DoctorCheckSpec } from '../doctor/check.ts';
import { FILE_MODES, KEY_CHECKS } from '../doctor/checks.ts';
import { SCHEDULE_CHECK } from '../schedule/doctor-check.ts';
import { ASSISTANTS } from './assistants.ts';
import { TARGET_KINDS } from './kinds.ts';

function checksOf(assistants: readonly Assistant[]): readonly DoctorCheckSpec[] {
  return [
    ...KEY_CHECKS,
    ...assistants.flatMap((a) => a.doctorChecks.config),
    ...TARGET_KINDS.flatMap((k) => k.doctorChecks),
    FILE_MODES,
    ...assistants.flatMap((a) => a.doctorChecks.runtime),
    SCHEDULE_CHECK,
  ];
}

/** Every check of every assistant. */
export const DOCTOR_CHECKS: readonly DoctorCheckSpec[] = checksOf(ASSISTANTS);

/** The checks of `ollm doctor --for <assistant>`: the key's own, that assistant's, the kinds', file modes. */
export function doctorChecksFor(assistant: Assistant): readonly DoctorCheckSpec[] {
  return checksOf([assistant]);
}

/** A check's title by id (the report carries ids only). */
export function checkTitle(id: string): string {
  return DOCTOR_CHECKS.find((c) => c.id === id)?.title ?? id;
}
