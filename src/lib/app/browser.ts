import { locale, t } from '#lib/i18n/index.svelte.ts';
import { tabletLock } from '#lib/lock/tablet-lock.svelte.ts';
import { onDamagedRecord, onNewerApp } from '#lib/storage/damage.ts';
import { appUpdate } from '#lib/ui/app-update.svelte.ts';
import { notices } from '#lib/ui/notices.svelte.ts';
import { registerServiceWorker } from './service-worker.ts';
import type { StartupEffects } from './startup.ts';

/**
 * The start-up's effects in the browser. The passphrase screen needs neither the database's code nor the journal nor any table's
 * (the lock peeks at its key with IndexedDB itself): they are fetched here once the page has started, so their code is
 * neither in the first screen's download nor run before it answers.
 */
export const browserStartup: StartupEffects = {
	restorePreferences: () => locale.restore(),
	reconcileStorage: async () => (await import('#lib/storage/journal-sync.ts')).reconcileStorage(),
	consumeErasedFlag: async () => (await import('#lib/storage/erase.ts')).consumeErasedFlag(),
	acknowledgeEviction: async () => (await import('#lib/storage/eviction.ts')).acknowledgeEviction(),
	showInfo: (key) => notices.showInfo(t(key)),
	showError: (error) => notices.showError(error),
	watchDamagedRecords: onDamagedRecord,
	watchNewerApp: onNewerApp,
	showUpdatedElsewhere: () => appUpdate.elsewhere(),
	startLock: (storageChecked) => tabletLock.start(storageChecked),
	markReady() {
		document.documentElement.dataset.ready = 'true';
		registerServiceWorker();
	},
	warn: (message, error) => console.warn(message, error)
};
