/** Where a command's output goes: the tests and the real process both use stdout and stderr. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}
