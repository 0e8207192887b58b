/** The shape of one numbered, append-only migration. */
export interface Migration {
  /** The `user_version` the file has once this migration has run. */
  readonly version: number;
  readonly name: string;
  /** SQL run as is, inside the migration's transaction. */
  readonly sql: string;
}
