import { setAssessment } from './assessments.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { countAnswers, listAnswers, recordAnswer, correctStoredAnswer, withdrawStoredAnswer, restoreStoredAnswer } from './answers';
import { createCitizen, deleteCitizen, getCitizen, listCitizens } from './citizens';
import { deleteDatabase, getStore } from './db';
import { Table } from './idb/database.ts';
import { StorageError, guardedWrite } from './errors';
import { acknowledgeEviction, storageWasEvicted } from './eviction.ts';
import { addParticipant, createMeeting, deleteMeeting, editMeeting, getMeeting, listMeetings, removeParticipant } from './meetings';
import { updatePlan } from './plans.ts';
import { forgetWithMeetings, meetingsDeleted } from './forgotten-meetings.ts';
import { MEETING_OWNED_TABLES } from './registry.ts';
import { readVault, replaceVault, storeNewVault } from './vault.ts';
import { createVault } from '#lib/vault/keys.ts';
import { isSealedPayload } from '#lib/vault/payload.ts';
import { openRecord } from './sealing.ts';
import { byProvenance } from '#lib/domain/answer.ts';
import { beginSession, currentSession, dropDataKey, LockedError } from '#lib/vault/session.ts';

afterEach(async () => {
	await deleteDatabase();
	localStorage.clear();
});

async function meetingWithPeople() {
	const citizen = await createCitizen({ displayName: 'Anna' });
	const created = await createMeeting(citizen.id, { date: '2026-11-23', place: 'Hjemme', phase: 'faglig-udredning' });
	// The citizen is a participant from the start.
	expect(created.participants.map((p) => [p.name, p.role])).toEqual([['Anna', 'borger']]);
	const meeting = await addParticipant(created.id, 'Lise', 'paaroerende');
	return { citizen, meeting, lise: meeting.participants[1]! };
}
const bySelf = byProvenance({ mode: 'selv' });

describe('repositories', () => {
	it('create and list citizens in Danish alphabetical order', async () => {
		await createCitizen({ displayName: 'Åse' });
		await createCitizen({ displayName: 'Bo' });
		await createCitizen({ displayName: 'Ærø' });
		expect((await listCitizens()).map((c) => c.displayName)).toEqual(['Bo', 'Ærø', 'Åse']);
	});

	it('keep sensitive fields inside the payload and only ids and dates as indexes', async () => {
		const { citizen, meeting, lise } = await meetingWithPeople();
		await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'ja' },
			provenance: { mode: 'formidlet', participantId: lise.id }
		});
		const store = getStore();
		const [storedCitizen, storedMeeting, [answer]] = await store.transaction('r', ['citizens', 'meetings', 'answers'], (tx) =>
			Promise.all([tx.citizens.get(citizen.id), tx.meetings.get(meeting.id), tx.answers.toArray()])
		);
		// `v` is the payload's version and `mediaIds` random media ids: neither says anything about a citizen. `about` says
		// which tool an answer came from (the subject's kind), never which theme, item, person or words.
		expect(Object.keys(storedCitizen!).sort()).toEqual(['createdAt', 'id', 'payload', 'v']);
		expect(Object.keys(storedMeeting!).sort()).toEqual(['citizenId', 'createdAt', 'date', 'id', 'payload', 'v']);
		expect(Object.keys(answer!).sort()).toEqual([
			'about',
			'citizenId',
			'createdAt',
			'id',
			'mediaIds',
			'meetingId',
			'payload',
			'updatedAt',
			'v'
		]);
		expect(answer!.mediaIds).toEqual([]);
		expect(answer!.about).toBe('core-board');
		const indexes = Object.values(store.stores).flatMap((table) => [table.keyPath, ...table.indexes.map((i) => i.name)]);
		// `seq` numbers committed transactions (the journal's counter), `payload.keyId` names the random key
		// that seals a payload (already plain in it): neither says anything about a citizen.
		expect(new Set(indexes)).toEqual(
			new Set([
				'id',
				'createdAt',
				'citizenId',
				'date',
				'meetingId',
				'[meetingId+createdAt]',
				'seq',
				'v',
				'mediaIds',
				'payload.keyId',
				'[citizenId+about]',
				'[meetingId+about]',
				// The same plain fields again, in the order the citizen's page reads its newest meetings and answers (issue 17).
				'[citizenId+date+createdAt]',
				'[citizenId+about+createdAt]'
			])
		);
	});

	it('store every payload sealed: no name, place or answer in the clear', async () => {
		const citizen = await createCitizen({ displayName: 'Kanariefugl Anna' });
		const meeting = await addParticipant(
			(await createMeeting(citizen.id, { date: '2026-11-23', place: 'Kanariehuset', phase: 'opfoelgning' })).id,
			'Kanarie Lise',
			'paaroerende'
		);
		await recordAnswer(meeting, {
			subject: { kind: 'symbol-board' },
			content: { kind: 'message', items: [{ label: 'kanarieord', symbolId: 'x' }] },
			provenance: { mode: 'selv' }
		});
		const raw = await getStore().transaction('r', ['citizens', 'meetings', 'answers'], (tx) =>
			Promise.all([tx.citizens, tx.meetings, tx.answers].map((table) => table.toArray()))
		);
		for (const record of raw.flat()) {
			expect(isSealedPayload(record.payload)).toBe(true);
			expect(new TextDecoder().decode(record.payload.ct)).not.toMatch(/kanarie/i);
		}
		expect(JSON.stringify(raw)).not.toMatch(/kanarie/i);
	});

	it('seal records written before the tablet had a key, in the setup itself', async () => {
		const store = getStore();
		await store.transaction('rw', ['citizens', 'answers'], async (tx) => {
			await tx.citizens.add({ id: 'old', createdAt: 1, payload: { displayName: 'Gammel Anna' } } as never);
			await tx.answers.add({
				id: 'old-a',
				meetingId: 'm',
				citizenId: 'old',
				createdAt: 2,
				updatedAt: 2,
				payload: { status: 'active' }
			} as never);
		});
		const created = await createVault('en anden lang adgangssætning', '1357', 5, 0, 1_000);
		const session = currentSession()!;
		beginSession(created);
		try {
			expect(await storeNewVault(created.record, created.dataKey)).toEqual({ sealed: 2, removed: 0 });
			expect(isSealedPayload((await store.transaction('r', ['citizens'], (tx) => tx.citizens.get('old')))!.payload)).toBe(true);
			expect((await getCitizen('old'))!.displayName).toBe('Gammel Anna');
			expect(await readVault()).toMatchObject({ keyId: created.record.keyId });
			await expect(storeNewVault(created.record, created.dataKey)).rejects.toThrow('error.vaultExists');
		} finally {
			beginSession(session);
		}
	});

	it('replace the key record only as it was read: a change made meanwhile in another tab is not written over', async () => {
		const { record } = await createVault('en anden lang adgangssætning', '1357', 5, 0, 1_000);
		await getStore().transaction('rw', ['vault'], (tx) => tx.vault.put(record));
		const read = (await readVault())!;
		expect(await replaceVault(read, { ...read, idleMinutes: 2 })).toBe(true);
		// Made from the record before that change (as a tab deriving a new passphrase's key meanwhile would): refused.
		expect(await replaceVault(read, { ...read, idleMinutes: 10 })).toBe(false);
		expect((await readVault())!.idleMinutes).toBe(2);
		const again = (await readVault())!;
		expect(await replaceVault(again, { ...again, idleMinutes: 10 })).toBe(true);
		expect((await readVault())!.idleMinutes).toBe(10);
	});

	it('remove records sealed under a key that is gone when a new key is made', async () => {
		await createCitizen({ displayName: 'Anna' });
		const session = currentSession()!;
		const created = await createVault('en anden lang adgangssætning', '1357', 5, 0, 1_000);
		beginSession(created);
		try {
			expect(await storeNewVault(created.record, created.dataKey)).toEqual({ sealed: 0, removed: 1 });
			expect(await listCitizens()).toEqual([]);
		} finally {
			beginSession(session);
		}
	});

	it('refuse every read and write while the tablet is locked', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const session = currentSession()!;
		dropDataKey();
		try {
			await expect(getCitizen(citizen.id)).rejects.toBeInstanceOf(LockedError);
			await expect(createCitizen({ displayName: 'Bo' })).rejects.toBeInstanceOf(LockedError);
		} finally {
			beginSession(session);
		}
		expect(await listCitizens()).toHaveLength(1);
	});

	it('write a change only over the record it read: a change in between is read again, not overwritten', async () => {
		const { meeting } = await meetingWithPeople();
		// Another tab adds a participant between this write's read and its transaction.
		let interfered = false;
		const realGet = Table.prototype.get;
		Table.prototype.get = async function (this: Table<unknown>, key: IDBValidKey) {
			const record = await realGet.call(this, key);
			if (!interfered && record && this.name === 'meetings') {
				interfered = true;
				await addParticipant(meeting.id, 'Carl', 'udfoerer');
			}
			return record;
		};
		try {
			const after = await addParticipant(meeting.id, 'Dorte', 'udfoerer');
			expect(after.participants.map((p) => p.name)).toEqual(['Anna', 'Lise', 'Carl', 'Dorte']);
		} finally {
			Table.prototype.get = realGet;
		}
		expect((await getMeeting(meeting.id))!.participants.map((p) => p.name)).toEqual(['Anna', 'Lise', 'Carl', 'Dorte']);
	});

	it('record an answer with provenance, correct it with history, withdraw and restore it', async () => {
		const { meeting, lise } = await meetingWithPeople();
		const first = await recordAnswer(
			meeting,
			{ subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } },
			1000
		);
		await correctStoredAnswer(
			first.id,
			{ content: { kind: 'core', value: 'ved-ikke' }, provenance: { mode: 'formidlet', participantId: lise.id } },
			2000
		);
		await withdrawStoredAnswer(first.id, bySelf, 3000);
		await restoreStoredAnswer(first.id, bySelf, 4000);
		const [stored] = await listAnswers(meeting.id);
		expect(stored).toMatchObject({
			content: { value: 'ved-ikke' },
			provenance: { mode: 'formidlet', participantId: lise.id },
			status: 'active',
			updatedAt: 4000
		});
		expect(stored!.history.map((h) => [h.change, h.content.kind === 'core' && h.content.value, h.provenance.mode, h.replacedAt])).toEqual([
			['corrected', 'ja', 'selv', 2000],
			['withdrawn', 'ved-ikke', 'formidlet', 3000],
			['restored', 'ved-ikke', 'formidlet', 4000]
		]);
	});

	it('list only the newest answers when asked, and count them all', async () => {
		const { meeting } = await meetingWithPeople();
		for (let i = 0; i < 5; i++)
			await recordAnswer(
				meeting,
				{ subject: { kind: 'core-board' }, content: { kind: 'core', value: i % 2 ? 'ja' : 'nej' }, provenance: { mode: 'selv' } },
				1000 + i
			);
		expect((await listAnswers(meeting.id, 2)).map((a) => a.createdAt)).toEqual([1004, 1003]);
		expect((await listAnswers(meeting.id)).map((a) => a.createdAt)).toEqual([1004, 1003, 1002, 1001, 1000]);
		expect(await countAnswers(meeting.id)).toBe(5);
	});

	it('refuse an answer relayed by nobody and store nothing', async () => {
		const { meeting } = await meetingWithPeople();
		await expect(
			recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'formidlet' } })
		).rejects.toThrow('error.provenanceRelayNeedsPerson');
		expect(await listAnswers(meeting.id)).toEqual([]);
	});

	it('keep a participant who is named on an answer', async () => {
		const { meeting, lise } = await meetingWithPeople();
		await recordAnswer(meeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'nej' },
			provenance: { mode: 'formidlet', participantId: lise.id }
		});
		await expect(removeParticipant(meeting.id, lise.id)).rejects.toThrow('error.participantInUse');
		const citizenParticipant = meeting.participants[0]!;
		const updated = await removeParticipant(meeting.id, citizenParticipant.id);
		expect(updated.participants.map((p) => p.name)).toEqual(['Lise']);
		expect((await getMeeting(meeting.id))!.participants.map((p) => p.name)).toEqual(['Lise']);
	});

	it('edit a meeting’s date, place and phase, keeping who took part', async () => {
		const { meeting } = await meetingWithPeople();
		await expect(editMeeting(meeting.id, { date: '2026-02-30', place: '', phase: 'opfoelgning' })).rejects.toThrow('error.meetingDate');
		const edited = await editMeeting(meeting.id, { date: '2027-01-05', place: ' Kommunen ', phase: 'valg-af-indsats' });
		expect(await getMeeting(meeting.id)).toEqual({ ...meeting, date: '2027-01-05', place: 'Kommunen', phase: 'valg-af-indsats' });
		expect(edited.participants).toEqual(meeting.participants);
	});

	it('keep a meeting’s time of day sealed beside its place, change it and take it off again', async () => {
		const citizen = await createCitizen({ displayName: 'Anna' });
		const meeting = await createMeeting(citizen.id, { date: '2027-02-02', time: '10:00', place: '', phase: 'opfoelgning' });
		expect((await getMeeting(meeting.id))?.time).toBe('10:00');
		// In the sealed payload, not beside the date: the plain fields stay ids and dates.
		const stored = (await getStore().transaction('r', ['meetings'], (tx) => tx.meetings.get(meeting.id)))!;
		expect(Object.keys(stored).sort()).toEqual(['citizenId', 'createdAt', 'date', 'id', 'payload', 'v']);
		expect((await openRecord('meetings', stored)).payload.time).toBe('10:00');
		await expect(editMeeting(meeting.id, { date: '2027-02-02', time: '25:00', place: '', phase: 'opfoelgning' })).rejects.toThrow(
			'error.meetingTime'
		);
		await editMeeting(meeting.id, { date: '2027-02-02', time: '13:30', place: '', phase: 'opfoelgning' });
		expect((await getMeeting(meeting.id))?.time).toBe('13:30');
		// An emptied time field takes the time off; the meeting keeps its day.
		await editMeeting(meeting.id, { date: '2027-02-02', time: '', place: '', phase: 'opfoelgning' });
		const untimed = (await getMeeting(meeting.id))!;
		expect(untimed).toEqual({ ...meeting, time: undefined });
		expect('time' in untimed).toBe(false);
	});

	it('delete a meeting with its answers and plan, and nothing of the citizen’s other meetings', async () => {
		const { citizen, meeting } = await meetingWithPeople();
		const other = await createMeeting(citizen.id, { date: '2026-12-24', place: '', phase: 'opfoelgning' });
		for (const m of [meeting, other]) {
			await recordAnswer(m, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } });
			await updatePlan(m.id, (plan) => ({ ...plan, agreements: [{ id: 'x', what: 'Ring', who: [], when: 'I morgen' }] }));
			await setAssessment(m.id, { subthemeId: 'kontakt-med-andre', ffbCode: '3f9da5ac-9686-4eeb-b517-b46e17fcb1d7', levelId: 'let' });
		}
		expect(MEETING_OWNED_TABLES).toEqual(expect.arrayContaining(['answers', 'plans', 'assessments']));
		await deleteMeeting(meeting.id);
		expect(await getMeeting(meeting.id)).toBeUndefined();
		await getStore().transaction('r', MEETING_OWNED_TABLES, async (tx) => {
			for (const name of MEETING_OWNED_TABLES) {
				expect(await tx.table(name).where('meetingId').equals(meeting.id).count(), name).toBe(0);
				expect(await tx.table(name).where('meetingId').equals(other.id).count(), name).toBe(1);
			}
		});
		expect((await listMeetings(citizen.id)).map((m) => m.id)).toEqual([other.id]);
	});

	it('forget what the tab keeps of a meeting when it is deleted, with its citizen, and of every meeting at "Slet alt"', async () => {
		const kept = new Map<string, unknown>();
		forgetWithMeetings(kept, 'test.kept.');
		const keep = (id: string) => {
			kept.set(id, true);
			sessionStorage.setItem(`test.kept.${id}`, '{}');
		};
		const keys = () =>
			Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i)!)
				.filter((key) => key.startsWith('test.kept.'))
				.sort();
		const { citizen, meeting } = await meetingWithPeople();
		const other = await createMeeting(citizen.id, { date: '2026-12-24', place: '', phase: 'opfoelgning' });
		const elsewhere = await createMeeting((await createCitizen({ displayName: 'Bo' })).id, {
			date: '2026-12-24',
			place: '',
			phase: 'opfoelgning'
		});
		for (const id of [meeting.id, other.id, elsewhere.id]) keep(id);
		await deleteMeeting(meeting.id);
		expect(keys()).toEqual([`test.kept.${other.id}`, `test.kept.${elsewhere.id}`].sort());
		await deleteCitizen(citizen.id);
		expect(keys()).toEqual([`test.kept.${elsewhere.id}`]);
		expect([...kept.keys()]).toEqual([elsewhere.id]);
		meetingsDeleted(undefined);
		expect(keys()).toEqual([]);
		expect(kept.size).toBe(0);
	});

	it('refuse a meeting for a citizen that does not exist', async () => {
		await expect(createMeeting('missing', { date: '2026-11-23', place: '', phase: 'opfoelgning' })).rejects.toBeInstanceOf(StorageError);
		expect(await getStore().transaction('r', ['meetings'], (tx) => tx.meetings.count())).toBe(0);
	});

	it('delete a citizen with every meeting and answer, and nobody else’s', async () => {
		const { citizen, meeting } = await meetingWithPeople();
		await recordAnswer(meeting, { subject: { kind: 'core-board' }, content: { kind: 'core', value: 'ja' }, provenance: { mode: 'selv' } });
		const other = await createCitizen({ displayName: 'Bo' });
		const otherMeeting = await createMeeting(other.id, { date: '2026-11-24', place: '', phase: 'opfoelgning' });
		await recordAnswer(otherMeeting, {
			subject: { kind: 'core-board' },
			content: { kind: 'core', value: 'nej' },
			provenance: { mode: 'selv' }
		});

		await deleteCitizen(citizen.id);

		expect(await getCitizen(citizen.id)).toBeUndefined();
		expect(await listMeetings(citizen.id)).toEqual([]);
		const counts = await getStore().transaction('r', ['citizens', 'meetings', 'answers'], (tx) =>
			Promise.all([tx.answers.where('citizenId').equals(citizen.id).count(), tx.citizens.count(), tx.meetings.count()])
		);
		expect(counts).toEqual([0, 1, 1]);
		expect((await listAnswers(otherMeeting.id)).map((a) => a.content)).toEqual([{ kind: 'core', value: 'nej' }]);
	});

	it('turn a full disk into a storage error the UI can name', async () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		await expect(guardedWrite(() => Promise.reject(quota))).rejects.toMatchObject({ code: 'error.storageFull' });
		await expect(guardedWrite(() => Promise.reject(new Error('disk on fire')))).rejects.toMatchObject({ code: 'error.storageWrite' });
	});

	it('tell an emptied database from a new tablet', async () => {
		expect(await storageWasEvicted()).toBe(false);
		const citizen = await createCitizen({ displayName: 'Anna' });
		expect(await storageWasEvicted()).toBe(false);
		await deleteCitizen(citizen.id);
		expect(await storageWasEvicted()).toBe(false);
		await createCitizen({ displayName: 'Bo' });
		await getStore().transaction('rw', ['citizens'], (tx) => tx.citizens.clear());
		expect(await storageWasEvicted()).toBe(true);
		acknowledgeEviction();
		expect(await storageWasEvicted()).toBe(false);
	});
});
