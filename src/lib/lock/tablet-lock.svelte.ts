import { untrack } from 'svelte';
import { ValidationError } from '#lib/domain/validation.ts';
import type { MessageKey } from '#lib/i18n/index.svelte.ts';
import { longWork } from '#lib/ui/long-work.ts';
import { announcer } from '#lib/ui/announcer.svelte.ts';
import { notices } from '#lib/ui/notices.svelte.ts';
import { keepScreen, restoreScreen } from './screen-keeper.ts';
import { peekVault } from '#lib/storage/vault-peek.ts';
import {
	changePassphrase,
	changePin,
	createVault,
	unlockWithPassphrase,
	unlockWithPin,
	type PinLock,
	type VaultRecord
} from '#lib/vault/keys.ts';
import {
	beginSession,
	currentPinLock,
	currentSession,
	dropDataKey,
	endSession,
	replacePinLock,
	resumeSession
} from '#lib/vault/session.ts';

/*
 * The tablet's lock, as the screens see it.
 *   setup       no key yet: the first start asks for the team passphrase and a PIN
 *   hardLocked  after every start: the passphrase opens the data key
 *   softLocked  idle, app left or "Lås": the key is dropped, the PIN opens its in-memory copy for 30 minutes
 *   open        the data key is in memory
 *   reloading   a hard lock is clearing the page's memory by loading it afresh
 * Five wrong PINs, counted across every tab and reload of this tablet, or "Lås helt", end the session and reload the page, which clears its memory.
 * While not open, nothing but the lock screens is rendered, so no citizen data stays in the page; what was typed is kept
 * in memory and put back after the PIN (screen-keeper.ts).
 * The idle lock warns a minute ahead (WCAG 2.2.1), and a meeting page can hold it off while people sit at the table.
 */

export type LockStatus = 'setup' | 'hardLocked' | 'softLocked' | 'open' | 'reloading' | 'failed';
export const IDLE_CHOICES = [2, 5, 10, 15] as const;
export const DEFAULT_IDLE_MINUTES = 5;
export const MAX_PIN_TRIES = 5;
/** How long before the idle lock the warning shows: time to notice it and tap "Mere tid". */
export const IDLE_WARNING_MS = 60_000;
/**
 * A meeting's hold lasts while someone is at the table: people there touch the tablet now and then, an empty room does
 * not. After this long without a touch or a key the hold lapses, and the warning and the lock come as usual.
 */
export const HOLD_IDLE_MINUTES = 30;
/** The PIN's in-memory copy of the key is kept this long at most; after that only the passphrase opens. */
export const SOFT_LOCK_LIMIT_MS = 30 * 60_000;
/** Stop 6 kept a PIN hash here; the PIN now lives only in the sealed vault. */
const LEGACY_PIN_KEY = 'billedtale.screenLock';
/**
 * Wrong PINs since the last unlock, shared by every tab: each tab holds its own copy of the PIN lock, so
 * a count per tab would give two tabs ten tries. Only a count is kept here, nothing about the PIN.
 */
const WRONG_PINS_KEY = 'billedtale.wrongPins';
/**
 * Kept while this tablet has a key, so that app.html can tell a first start (and paint the setup screen) before any of
 * the app's code runs. It says nothing about the key; the key itself is always read from the database.
 */
const KEYED_KEY = 'billedtale.keyed';

function rememberKeyed(keyed: boolean): void {
	if (keyed) localStorage.setItem(KEYED_KEY, '1');
	else localStorage.removeItem(KEYED_KEY);
}

/** The user-timing mark set when a pass of upgradeStoredRecords has ended (bench/scenarios/open-meeting.ts reads it by this name). */
const UPGRADE_PASS_MARK = 'billedtale:upgrade-pass-done';
/** The database's code (its IndexedDB layer and the tables') is not part of the lock screen's: it is fetched when the key is used. */
const vaultStorage = () => import('#lib/storage/vault.ts');
const readVault = async () => (await vaultStorage()).readVault();
const replaceVault = async (read: VaultRecord, next: VaultRecord) => (await vaultStorage()).replaceVault(read, next);

/** Whether two reads of the tablet key hold the same key under the same passphrase and PIN. */
function sameKey(a: VaultRecord, b: VaultRecord): boolean {
	// indexedDB.cmp compares binary keys byte by byte.
	return a.keyId === b.keyId && indexedDB.cmp(a.wrappedKey.ct, b.wrappedKey.ct) === 0 && indexedDB.cmp(a.pin.ct, b.pin.ct) === 0;
}

/** A promise that is awaited later: its failure is handled there, not reported as unhandled meanwhile. */
function settled<T>(promise: Promise<T>): Promise<T> {
	promise.catch(() => undefined);
	return promise;
}

/**
 * Records from an older version of the app are upgraded once the key is there. In the background:
 * reads upgrade in memory anyway, so nothing waits for it; what it could not do, the next unlock does.
 */
function upgradeStoredRecords(): void {
	import('#lib/storage/migrate.ts')
		.then(({ migrateRecords }) => migrateRecords())
		.then(
			(report) => {
				if (report.upgraded + report.damaged + report.skipped > 0) console.info('Billedtale: stored records upgraded', report);
			},
			(error: unknown) => console.warn('Billedtale: stored records could not be upgraded now', error)
		)
		// Every write of the pass makes the open lists read again: `npm run bench` waits for this mark to time a settled tablet.
		.finally(() => performance.mark(UPGRADE_PASS_MARK));
}

class TabletLock {
	/**
	 * Almost every load finds a set-up tablet, so the app starts as if on the passphrase screen; the prerendered page holds
	 * the setup screen too, and app.html's guess picks which one paints before any of the app's code runs (routes/+layout.svelte).
	 * `known` says whether the stored key has been read yet.
	 */
	status = $state<LockStatus>('hardLocked');
	known = $state(false);
	idleMinutes = $state(DEFAULT_IDLE_MINUTES);
	pinTriesLeft = $state(MAX_PIN_TRIES);
	/** While the idle warning shows: when the tablet locks unless someone touches it. */
	lockingAt = $state<number | undefined>();
	/** A meeting page is holding the idle lock off (up to HOLD_IDLE_MINUTES without a touch); "Lås" and leaving the app still lock. */
	held = $state(false);
	/** How many are holding it: an import or a restore may run while a meeting page holds it too. */
	private holds = 0;
	private record: VaultRecord | undefined;
	private checkStorage: () => Promise<unknown> = () => Promise.resolve();
	private idleTimer: ReturnType<typeof setTimeout> | undefined;
	private warningTimer: ReturnType<typeof setTimeout> | undefined;
	private softLockTimer: ReturnType<typeof setTimeout> | undefined;
	private softLockedAt = 0;
	// Locking one tab locks every tab of the app on this tablet.
	private channel: BroadcastChannel | undefined;
	private openingHooks: (() => void)[] = [];

	/**
	 * Called once in the browser. Resolves when the first screen is known. `checkStorage` compares the database with its
	 * journal (once) and settles when that is done: a tablet whose database holds a key shows the passphrase screen
	 * without it and runs it when the passphrase is submitted, reading the key again after it, before it is used.
	 */
	async start(checkStorage: () => Promise<unknown>): Promise<() => void> {
		this.checkStorage = checkStorage;
		// An import or a restore holds the idle lock off like a meeting page (ui/long-work.ts).
		longWork.hold = () => this.holdOpen();
		const activity = () => this.restartIdleTimer();
		const hidden = () => document.visibilityState === 'hidden' && this.softLock();
		// A page restored from the back/forward cache must not come back open.
		const restored = (event: PageTransitionEvent) => event.persisted && this.softLock();
		addEventListener('pointerdown', activity, { capture: true, passive: true });
		addEventListener('keydown', activity, { capture: true, passive: true });
		addEventListener('pageshow', restored);
		document.addEventListener('visibilitychange', hidden);
		this.channel = new BroadcastChannel('billedtale-lock');
		this.channel.onmessage = (event: MessageEvent) => {
			if (event.data === 'soft') this.softLock(false);
			if (event.data === 'hard') this.hardLock(false);
			if (isVaultChanged(event.data)) void this.vaultChanged(event.data.pinLock);
		};
		try {
			this.record = await peekVault();
			// No key here may mean a database lost in a crash, which the journal is bringing back.
			if (!this.record) await this.checkedRecord();
			this.idleMinutes = this.record?.idleMinutes ?? DEFAULT_IDLE_MINUTES;
			this.status = this.record ? 'hardLocked' : 'setup';
			rememberKeyed(this.record !== undefined);
		} catch (error) {
			console.warn('Billedtale: the tablet key could not be read', error);
			this.status = 'failed';
			// A key read while an erase cut short by a crash was deleting the database fails; the check finishes the erase.
			this.checkedRecord().catch((error: unknown) => console.warn('Billedtale: the tablet key could not be read', error));
		}
		this.known = true;
		return () => {
			removeEventListener('pointerdown', activity, { capture: true });
			removeEventListener('keydown', activity, { capture: true });
			removeEventListener('pageshow', restored);
			document.removeEventListener('visibilitychange', hidden);
			this.channel?.close();
			this.stopIdleTimer();
		};
	}

	/** Any touch or key press, and "Mere tid" in the warning, start the idle time again. */
	restartIdleTimer(): void {
		this.stopIdleTimer();
		if (this.status !== 'open') return;
		const idle = (this.held ? Math.max(HOLD_IDLE_MINUTES, this.idleMinutes) : this.idleMinutes) * 60_000;
		// From when the lock is due, not from when the warning's timer ran: timers of a busy or hidden tab run late.
		const lockDueAt = Date.now() + idle;
		this.warningTimer = setTimeout(() => (this.lockingAt = lockDueAt), idle - IDLE_WARNING_MS);
		this.idleTimer = setTimeout(() => this.softLock(), idle);
	}

	private stopIdleTimer(): void {
		clearTimeout(this.idleTimer);
		clearTimeout(this.warningTimer);
		this.lockingAt = undefined;
	}

	/**
	 * Holds the idle lock off until the returned function is called: a meeting page does so while its toggle is on and
	 * lets go when the toggle is turned off or the page is left, so the hold can never outlive the meeting page. Even
	 * held, the tablet warns and locks after HOLD_IDLE_MINUTES without a touch: nobody is at the table any more.
	 */
	holdOpen(): () => void {
		this.holds++;
		this.held = true;
		// Called from a page's effect: the timer's own state must not become what that effect depends on.
		untrack(() => this.restartIdleTimer());
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.holds--;
			this.held = this.holds > 0;
			this.restartIdleTimer();
		};
	}

	/**
	 * Runs `prepare` once someone starts to open the tablet (types on the lock screen, submits it), or at once when it is
	 * open: a page whose code is fetched only once it can be shown (the meeting page) has it fetched while the passphrase
	 * is typed and checked, not after it, and not while the passphrase screen paints (issue 17: first load of /moede).
	 */
	whileOpening(prepare: () => void): void {
		if (this.status === 'open') prepare();
		else this.openingHooks.push(prepare);
	}

	beginOpening(): void {
		for (const prepare of this.openingHooks.splice(0)) prepare();
	}

	private opened(): void {
		clearTimeout(this.softLockTimer);
		const wasSoftLocked = this.status === 'softLocked';
		this.status = 'open';
		if (wasSoftLocked) restoreScreen();
		localStorage.removeItem(WRONG_PINS_KEY);
		this.pinTriesLeft = MAX_PIN_TRIES;
		this.restartIdleTimer();
	}

	/** Resolves to how many records from before encryption were sealed, so the screen can say so. */
	async setUp(passphrase: string, pin: string, idleMinutes: number): Promise<number> {
		this.beginOpening();
		const [created, { storeNewVault }] = await Promise.all([createVault(passphrase, pin, idleMinutes), vaultStorage()]);
		const { sealed } = await storeNewVault(created.record, created.dataKey);
		this.record = created.record;
		this.idleMinutes = idleMinutes;
		localStorage.removeItem(LEGACY_PIN_KEY);
		rememberKeyed(true);
		beginSession(created);
		this.opened();
		upgradeStoredRecords();
		return sealed;
	}

	/**
	 * The key on disk once the journal check is done, which may change it (an erase cut short by a crash is finished, a
	 * lost database comes back): a screen that no longer has a key to open goes to the setup.
	 */
	private async checkedRecord(): Promise<VaultRecord | undefined> {
		await this.checkStorage();
		this.record = await readVault();
		if (!this.record && (this.status === 'hardLocked' || this.status === 'failed')) this.status = 'setup';
		rememberKeyed(this.record !== undefined);
		return this.record;
	}

	/** Throws error.wrongTeamPassphrase. */
	async unlockWithPassphrase(passphrase: string): Promise<void> {
		this.beginOpening();
		// The passphrase is tried on the key the screen was shown for while the journal check runs; only a key that the
		// check changed is tried again.
		const shown = this.record;
		const early = shown && settled(unlockWithPassphrase(shown, passphrase));
		const record = await this.checkedRecord();
		if (!record) throw new ValidationError('error.wrongTeamPassphrase');
		beginSession(await (early && sameKey(shown, record) ? early : unlockWithPassphrase(record, passphrase)));
		this.opened();
		upgradeStoredRecords();
	}

	/** Resolves to whether the PIN opened the lock; the fifth wrong PIN locks hard. */
	async unlockWithPin(pin: string): Promise<boolean> {
		// Timers of a hidden tab may run late; the time is checked again at every try.
		if (Date.now() - this.softLockedAt > SOFT_LOCK_LIMIT_MS) {
			this.hardLock();
			return false;
		}
		this.beginOpening();
		const pinLock = currentPinLock();
		const dataKey = pinLock && (await unlockWithPin(pinLock, pin));
		if (dataKey) {
			resumeSession(dataKey);
			this.opened();
			return true;
		}
		const wrong = await this.countWrongPin();
		this.pinTriesLeft = Math.max(0, MAX_PIN_TRIES - wrong);
		if (this.pinTriesLeft === 0) this.hardLock();
		return false;
	}

	/**
	 * The PIN asked while open, e.g. to leave citizen mode. Wrong tries count with the lock screen's, so this is no
	 * second way to guess the PIN; the fifth locks hard.
	 */
	async checkPin(pin: string): Promise<boolean> {
		const pinLock = currentPinLock();
		if (pinLock && (await unlockWithPin(pinLock, pin))) {
			localStorage.removeItem(WRONG_PINS_KEY);
			this.pinTriesLeft = MAX_PIN_TRIES;
			return true;
		}
		const wrong = await this.countWrongPin();
		this.pinTriesLeft = Math.max(0, MAX_PIN_TRIES - wrong);
		if (this.pinTriesLeft === 0) this.hardLock();
		return false;
	}

	/** One tab at a time, so two tabs tried at once cannot both read the same count. */
	private countWrongPin(): Promise<number> {
		return navigator.locks.request(WRONG_PINS_KEY, () => {
			const wrong = (Number(localStorage.getItem(WRONG_PINS_KEY)) || 0) + 1;
			localStorage.setItem(WRONG_PINS_KEY, String(wrong));
			return wrong;
		});
	}

	softLock(tellOtherTabs = true): void {
		if (this.status !== 'open') return;
		// Before the pages are unmounted by the status change below.
		keepScreen();
		longWork.locked();
		dropDataKey();
		notices.clearInfo();
		announcer.clear();
		this.status = 'softLocked';
		this.stopIdleTimer();
		this.softLockedAt = Date.now();
		this.softLockTimer = setTimeout(() => this.hardLock(false), SOFT_LOCK_LIMIT_MS);
		if (tellOtherTabs) this.channel?.postMessage('soft');
	}

	hardLock(tellOtherTabs = true): void {
		endSession();
		if (tellOtherTabs) this.channel?.postMessage('hard');
		if (this.status === 'setup') return;
		// Nothing is shown until the fresh page stands, which then asks for the passphrase.
		this.status = 'reloading';
		this.stopIdleTimer();
		location.reload();
	}

	/*
	 * Every tab of the app keeps the key's record, and the PIN's copy of the key, from its own unlock. A change made in one
	 * tab is made to the record as stored, and stored only if no other tab changed it meanwhile, else made again (a PIN or
	 * passphrase written back from an old copy would open the tablet again). The other tabs are told: they read the record
	 * again, and take the new PIN's copy of the key, so the old PIN no longer opens their soft lock and the new one does.
	 */

	async setIdleMinutes(minutes: number): Promise<void> {
		await this.changeRecord(async (stored) => ({ record: { ...stored, idleMinutes: minutes } }));
	}

	/** Throws lock.wrongCurrentPin or error.pinFormat. */
	async changePin(current: string, next: string): Promise<void> {
		await this.changeRecord(async (stored) => {
			const session = currentSession();
			if (!session) throw new ValidationError('lock.wrongCurrentPin');
			return changePin(stored, session, current, next);
		}, 'lock.wrongCurrentPin');
	}

	/** Throws error.wrongTeamPassphrase or error.passphraseShort. */
	async changePassphrase(current: string, next: string): Promise<void> {
		await this.changeRecord(async (stored) => ({ record: await changePassphrase(stored, current, next) }), 'error.wrongTeamPassphrase');
	}

	/** `change` made to the record as stored, and made again from it while another tab changed it first. */
	private async changeRecord(
		change: (stored: VaultRecord) => Promise<{ record: VaultRecord; pinLock?: PinLock }>,
		noRecord?: MessageKey
	): Promise<void> {
		// A few tries: another tab changes the record only when someone there saves a setting.
		for (let attempt = 0; attempt < 5; attempt++) {
			const stored = await readVault();
			if (!stored) {
				if (noRecord) throw new ValidationError(noRecord);
				return;
			}
			const { record, pinLock } = await change(stored);
			if (!(await replaceVault(stored, record))) continue;
			this.usesRecord(record);
			if (pinLock) replacePinLock(pinLock);
			this.channel?.postMessage({ vaultChanged: true, pinLock } satisfies VaultChanged);
			return;
		}
		throw new ValidationError('error.storageWrite');
	}

	private usesRecord(record: VaultRecord): void {
		this.record = record;
		if (record.idleMinutes === this.idleMinutes) return;
		this.idleMinutes = record.idleMinutes;
		this.restartIdleTimer();
	}

	/** Another tab changed the key's record. */
	private async vaultChanged(pinLock: PinLock | undefined): Promise<void> {
		if (pinLock && currentPinLock()?.keyId === pinLock.keyId) replacePinLock(pinLock);
		try {
			const record = await peekVault();
			if (record) this.usesRecord(record);
		} catch (error) {
			console.warn('Billedtale: the tablet key could not be read', error);
		}
	}
}

/** What a tab tells the others when it has changed the key's record; the new PIN's copy of the key when the PIN changed. */
interface VaultChanged {
	vaultChanged: true;
	pinLock?: PinLock;
}

function isVaultChanged(data: unknown): data is VaultChanged {
	return typeof data === 'object' && data !== null && (data as Partial<VaultChanged>).vaultChanged === true;
}

export const tabletLock = new TabletLock();
