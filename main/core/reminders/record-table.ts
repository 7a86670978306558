// Records by id, held twice: a Map to go through (enumerating an object with 10,000 keys took
// ~7 ms, on every check) and a plain object for the file (building it at each write took ~12 ms).
export class RecordTable<R> {
  private readonly byId = new Map<string, R>();
  /** Without a prototype, so no id (not even "__proto__") is anything but a key. */
  readonly plain: Record<string, R> = Object.create(null) as Record<string, R>;

  constructor(stored: Record<string, R>) {
    for (const [id, record] of Object.entries(stored)) this.set(id, record);
  }

  get(id: string): R | undefined {
    return this.byId.get(id);
  }

  set(id: string, record: R): void {
    this.byId.set(id, record);
    this.plain[id] = record;
  }

  delete(id: string): void {
    this.byId.delete(id);
    delete this.plain[id];
  }

  values(): IterableIterator<R> {
    return this.byId.values();
  }
}
