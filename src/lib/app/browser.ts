import { locale, t } from '#lib/i18n/index.svelte.ts';
import { tabletLock } from '#lib/lock/tablet-lock.svelte.ts';
import { speechSettings } from '#lib/speech/settings.svelte.ts';
import { consumeErasedFlag } from '#lib/storage/erase.ts';
import { acknowledgeEviction } from '#lib/storage/eviction.ts';
import { reconcileStorage } from '#lib/storage/journal-sync.ts';
import { onDamagedRecord } from '#lib/storage/sealing.ts';
import { notices } from '#lib/ui/notices.svelte.ts';
import type { StartupEffects } from './startup.ts';

/** The start-up's effects in the browser. */
export const browserStartup: StartupEffects = {
	restorePreferences() {
		speechSettings.restore();
		return locale.restore();
	},
	reconcileStorage,
	consumeErasedFlag,
	acknowledgeEviction,
	showInfo: (key) => notices.showInfo(t(key)),
	showError: (error) => notices.showError(error),
	watchDamagedRecords: onDamagedRecord,
	startLock: (storageChecked) => tabletLock.start(storageChecked),
	markReady() {
		document.documentElement.dataset.ready = 'true';
	},
	warn: (message, error) => console.warn(message, error)
};
