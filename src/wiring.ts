// What the composition (src/composition/) hands down through Ctx without Ctx knowing its type:
// the floor that owns a table names a slot for it, the top fills the slot once with a loader, and
// code below reads it back typed. So Ctx stays beneath every table it carries, no module below
// the top imports the list of assistants (docs/architecture.md, "Floors"), and a table loads
// only when a command first reads it (the key-helper path never does).

/** A named place for one value of type T. */
export interface Slot<T> {
  readonly name: string;
  /** Only carries T for the type checker; never set. */
  readonly type?: T;
}

export function slot<T>(name: string): Slot<T> {
  return { name };
}

/** The filled slots, each loaded at most once. An empty slot is a bug in the wiring, not a user error. */
export class Wiring {
  private readonly loaders = new Map<Slot<unknown>, () => Promise<unknown>>();
  private readonly loaded = new Map<Slot<unknown>, Promise<unknown>>();

  with<T>(slot: Slot<T>, load: () => Promise<T>): this {
    this.loaders.set(slot, load);
    return this;
  }

  get<T>(slot: Slot<T>): Promise<T> {
    let value = this.loaded.get(slot);
    if (!value) {
      const load = this.loaders.get(slot);
      if (!load) return Promise.reject(new Error(`Ctx was built without "${slot.name}": build it with src/composition/ctx.ts.`));
      value = load();
      this.loaded.set(slot, value);
    }
    return value as Promise<T>;
  }
}
