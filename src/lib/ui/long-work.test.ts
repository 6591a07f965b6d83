import { afterEach, expect, it } from 'vitest';
import { longWork } from './long-work.ts';
import { notices } from './notices.svelte.ts';

afterEach(() => notices.clear());

const lockedWhile = (result: string) => async () => {
	longWork.locked();
	return result;
};

it('drops a result to be handed out when the tablet locked while it was made, and says why', async () => {
	await expect(longWork.run(lockedWhile('pdf'), 'plan.pdfStoppedByLock', { unlessLocked: true })).rejects.toThrow('plan.pdfStoppedByLock');
	expect(notices.error).toBe('PDF-filen blev ikke gemt, fordi tabletten blev låst. Lav den igen.');
});

it('keeps the result of other work that got through a lock, and tells a failure after one as stopped', async () => {
	await expect(longWork.run(lockedWhile('restored'), 'backup.restoreStoppedByLock')).resolves.toBe('restored');
	expect(notices.error).toBeUndefined();
	const failing = longWork.run(async () => {
		longWork.locked();
		throw new Error('no key');
	}, 'backup.saveStoppedByLock');
	await expect(failing).rejects.toThrow('no key');
	expect(notices.error).toBe('Sikkerhedskopien blev ikke gemt, fordi tabletten blev låst. Prøv igen.');
});

it('judges each piece of work by the locks since it began, not by an earlier piece still running', async () => {
	let finishEarlier!: () => void;
	const earlier = longWork.run(() => new Promise<void>((resolve) => (finishEarlier = resolve)), 'backup.saveStoppedByLock');
	longWork.locked();
	// Unlocked again; a PDF made now is handed out although the earlier work saw a lock.
	await expect(longWork.run(async () => 'pdf', 'plan.pdfStoppedByLock', { unlessLocked: true })).resolves.toBe('pdf');
	finishEarlier();
	await earlier;
});
