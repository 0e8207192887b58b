/**
 * The project's print settings, stored in the settings table under one key, with
 * their two rows. Defaults fill what was never set; a bad value is refused naming it
 * (print-settings.ts) and nothing is saved.
 */
import type { ProjectPrintSettings } from '../../edition/api.ts';
import { PUBLISH_ARGS } from '../../edition/publish/api.ts';
import { getSetting, putSetting } from '../../db/settings.ts';
import type { Store } from '../../db/store.ts';
import { applyPrintSettings, storedPrintSettings } from './print-settings.ts';
import type { Rows } from './table.ts';

const SETTINGS_KEY = 'print';

/** The project's print settings, defaults filled in. */
export function printSettings(store: Store): ProjectPrintSettings {
  return storedPrintSettings(getSetting(store.db, SETTINGS_KEY));
}

/** The stored settings with `given` (unsaved, from a preview) applied, when given. */
export function trialSettings(store: Store, given: unknown): ProjectPrintSettings {
  return given === undefined ? printSettings(store) : applyPrintSettings(printSettings(store), given);
}

export const settingsRows: Rows<'getPrintSettings' | 'updatePrintSettings'> = {
  getPrintSettings: { args: PUBLISH_ARGS.getPrintSettings, run: ({ store }) => printSettings(store) },
  updatePrintSettings: {
    args: PUBLISH_ARGS.updatePrintSettings,
    run: ({ store }, { settings }) => {
      const next = applyPrintSettings(printSettings(store), settings);
      store.write((tx) => putSetting(tx, SETTINGS_KEY, next));
      return next;
    },
  },
};
