import { newId } from '#lib/domain/ids.ts';
import {
	freeSpotIn,
	positionOf,
	resizeInArea,
	snapIntoArea,
	type ItemPosition,
	type Placement,
	type Rect,
	type StoryContent,
	type StoryItem,
	type StoryProvenance
} from '#lib/domain/story.ts';
import { mediaIdsOfStoryContent } from '#lib/domain/story-shape.ts';
import type { StoryTemplate } from '#lib/content/story-templates.ts';
import { locale, t } from '#lib/i18n/index.svelte.ts';
import { meetingDraft } from '#lib/storage/drafts.svelte.ts';
import { keepMediaWhileWaiting } from '#lib/storage/hold-media.svelte.ts';
import { addStoryItem, moveStoryItem } from '#lib/storage/story.ts';
import { describeStoryContent } from '#lib/answers/describe.ts';

/** How big an item starts, in canvas units: big enough to see across the table. */
const START_SIZE: Record<StoryContent['kind'], { w: number; h: number }> = {
	symbol: { w: 150, h: 170 },
	text: { w: 260, h: 130 },
	photo: { w: 220, h: 180 },
	recording: { w: 190, h: 120 },
	drawing: { w: 200, h: 200 }
};

/** One step that undo takes back and redo does again: an item from one position to another. */
interface Step {
	itemId: string;
	before: ItemPosition;
	after: ItemPosition;
}

export interface StoryEditorSource {
	citizenId: () => string;
	meetingId: () => string | undefined;
	template: () => StoryTemplate;
	items: () => readonly StoryItem[];
	/** The meeting's one provenance choice, with the person's name and role as shown now. */
	provenance: () => StoryProvenance;
	/** Whether the choice can be saved with: "Formidlet af" with nobody chosen cannot. */
	ready: () => boolean;
}

/** What waits for an area: a class, so that a meeting's draft keeps the content as it is. */
class Pending {
	content = $state.raw<StoryContent | undefined>();
}

const PENDING = 'story pending';

/**
 * The story being worked on: what is selected, what waits for an area (tap an item, then an area),
 * and undo/redo. Every change goes straight to storage as a dated change of one item; undo is a new
 * change back, so the history keeps it too.
 */
export class StoryEditor {
	readonly #source: StoryEditorSource;
	selectedId = $state<string | undefined>();
	readonly #alone = new Pending();
	// From a meeting, what waits is kept with the meeting's drafts (storage/drafts.svelte.ts) through other steps and back;
	// from the citizen's own page, which is no meeting's, only while the page is open.
	readonly #pending = $derived.by(() => {
		const meetingId = this.#source.meetingId();
		return meetingId ? meetingDraft(meetingId, PENDING, () => new Pending()).value : this.#alone;
	});
	drawing = $state(false);
	/** What just happened, for the live region: screen-reader users hear every placement and undo. */
	announcement = $state('');
	#undo = $state.raw<Step[]>([]);
	#redo = $state.raw<Step[]>([]);
	/** The canvas on screen, so a drag from the panel can be dropped on it. */
	surface = $state.raw<HTMLElement | undefined>();

	constructor(source: StoryEditorSource) {
		this.#source = source;
	}

	/** Content chosen in the panel that waits for an area: tap an area, drag it there, or pick one in a list. */
	get pending(): StoryContent | undefined {
		return this.#pending.content;
	}

	/**
	 * A photo or recording waiting is stored already, and no item names it yet: from a meeting it is held from the media
	 * clean-up for as long as it waits, long after the panel that stored it is gone (StoryView holds it on the citizen's page).
	 */
	set pending(content: StoryContent | undefined) {
		this.#pending.content = content;
		const meetingId = this.#source.meetingId();
		if (meetingId) keepMediaWhileWaiting(meetingId, PENDING, this.#source.citizenId(), content ? mediaIdsOfStoryContent(content) : []);
	}

	readonly visible: StoryItem[] = $derived.by(() => this.#source.items().filter((item) => item.removedAt === undefined));
	readonly selected: StoryItem | undefined = $derived(this.visible.find((item) => item.id === this.selectedId));
	readonly canUndo = $derived(this.#undo.length > 0);
	readonly canRedo = $derived(this.#redo.length > 0);

	get template(): StoryTemplate {
		return this.#source.template();
	}

	area(areaId: string) {
		return this.template.areas.find((a) => a.id === areaId) ?? this.template.areas[0]!;
	}

	/** Canvas units of a point on screen, or undefined when it is off the canvas. */
	pointToCanvas(clientX: number, clientY: number): { x: number; y: number } | undefined {
		const box = this.surface?.getBoundingClientRect();
		if (!box || clientX < box.left || clientX > box.right || clientY < box.top || clientY > box.bottom) return undefined;
		return { x: ((clientX - box.left) / box.width) * this.template.width, y: ((clientY - box.top) / box.height) * this.template.height };
	}

	/** Canvas units per screen pixel, for turning a drag into a move. */
	unitsPerPixel(): number {
		const width = this.surface?.getBoundingClientRect().width;
		return width ? this.template.width / width : 1;
	}

	#occupied(areaId: string, except?: string): Rect[] {
		return this.visible.filter((item) => item.areaId === areaId && item.id !== except);
	}

	/**
	 * Every change is stored with who made it: with "Formidlet af" and nobody chosen, a move, a removal or an undo could
	 * only fail ("Prøv igen", which could never work). It is not tried, and the reason is said instead, as for adding.
	 */
	#mayChange(): boolean {
		if (!this.#source.ready()) this.announcement = t('meeting.relayMissing');
		return this.#source.ready();
	}

	async #add(content: StoryContent, placement: Placement): Promise<void> {
		if (!this.#mayChange()) return;
		const item = await addStoryItem({
			id: newId(),
			citizenId: this.#source.citizenId(),
			templateId: this.template.id,
			placement,
			content,
			provenance: this.#source.provenance(),
			meetingId: this.#source.meetingId(),
			at: Date.now()
		});
		this.#record({ itemId: item.id, before: { ...positionOf(item), removed: true }, after: positionOf(item) });
		this.pending = undefined;
		this.selectedId = item.id;
		this.announcement = t('story.announce.placed', { area: this.area(placement.areaId).label[locale.language] });
	}

	/** Puts content in the first free spot of an area (tap-tap, the list view). */
	addToArea(content: StoryContent, areaId: string): Promise<void> {
		return this.#add(content, freeSpotIn(this.area(areaId), this.#occupied(areaId), START_SIZE[content.kind]));
	}

	/** Puts content where it was dropped, snapped into the area under it. */
	addAt(content: StoryContent, point: { x: number; y: number }): Promise<void> {
		const size = START_SIZE[content.kind];
		return this.#add(content, snapIntoArea(this.template.areas, { x: point.x - size.w / 2, y: point.y - size.h / 2, ...size }));
	}

	/** A drawing keeps the box it was drawn in, snapped into the area it lies in. */
	addInBox(content: StoryContent, box: Rect): Promise<void> {
		return this.#add(content, snapIntoArea(this.template.areas, box));
	}

	/** A tap on an area: places what is pending there, or moves the selected item there. */
	async tapArea(areaId: string): Promise<void> {
		if (this.pending) return this.addToArea(this.pending, areaId);
		const item = this.selected;
		if (item && item.areaId !== areaId) await this.moveToArea(item.id, areaId);
		else this.selectedId = undefined;
	}

	moveToArea(itemId: string, areaId: string): Promise<void> {
		const item = this.#item(itemId);
		const spot = freeSpotIn(this.area(areaId), this.#occupied(areaId, itemId), { w: item.w, h: item.h });
		return this.#change(item, { ...spot, removed: false }, this.#movedTo(areaId));
	}

	/** A drag ends: the item snaps into the area its centre was dropped in. */
	dropAt(itemId: string, box: Rect): Promise<void> {
		const spot = snapIntoArea(this.template.areas, box);
		return this.#change(this.#item(itemId), { ...spot, removed: false }, this.#movedTo(spot.areaId));
	}

	/** Said as a change of size, with the item's name: it stays where it was, so "Flyttet til …" told of a move never made. */
	resize(itemId: string, factor: number): Promise<void> {
		const item = this.#item(itemId);
		const said = t(factor > 1 ? 'story.announce.bigger' : 'story.announce.smaller', { item: describeStoryContent(item.content) });
		return this.#change(item, { ...resizeInArea(this.area(item.areaId), item, factor), removed: false }, said);
	}

	remove(itemId: string): Promise<void> {
		const item = this.#item(itemId);
		if (this.selectedId === itemId) this.selectedId = undefined;
		return this.#change(item, { ...positionOf(item), removed: true }, t('story.announce.removed'));
	}

	/*
	 * Undo and redo take their step at once: the other button answers as soon as the item is drawn where it goes, while
	 * the write that put it there is still finishing (a quick "Gør igen" after "Fortryd" did nothing). Their writes are
	 * made in the order they were asked for, as are moves (#change), and a step whose write failed goes back where it was.
	 */
	#writes: Promise<unknown> = Promise.resolve();

	#inTurn(write: () => Promise<unknown>): Promise<unknown> {
		const turn = this.#writes.then(write);
		this.#writes = turn.catch(() => undefined);
		return turn;
	}

	async undo(): Promise<void> {
		const step = this.#undo.at(-1);
		if (!step || !this.#mayChange()) return;
		await this.#takeStep(step, 'undo');
		this.announcement = t('story.announce.undone');
	}

	async redo(): Promise<void> {
		const step = this.#redo.at(-1);
		if (!step || !this.#mayChange()) return;
		await this.#takeStep(step, 'redo');
		this.announcement = t('story.announce.redone');
	}

	async #takeStep(step: Step, way: 'undo' | 'redo'): Promise<void> {
		const provenance = this.#source.provenance();
		const meetingId = this.#source.meetingId();
		this.#shift(step, way === 'undo');
		try {
			await this.#inTurn(() => moveStoryItem(step.itemId, way === 'undo' ? step.before : step.after, provenance, meetingId));
		} catch (error) {
			this.#shift(step, way !== 'undo');
			throw error;
		}
	}

	/** Moves `step` to the top of the redo stack (`toRedo`) or of the undo stack, out of the other. */
	#shift(step: Step, toRedo: boolean): void {
		const without = (steps: Step[]) => steps.filter((s) => s !== step);
		if (toRedo) [this.#undo, this.#redo] = [without(this.#undo), [...without(this.#redo), step]];
		else [this.#redo, this.#undo] = [without(this.#redo), [...without(this.#undo), step]];
	}

	#item(itemId: string): StoryItem {
		const item = this.#source.items().find((i) => i.id === itemId);
		if (!item) throw new Error(`no story item ${itemId}`);
		return item;
	}

	#movedTo(areaId: string): string {
		return t('story.announce.moved', { area: this.area(areaId).label[locale.language] });
	}

	/** Saves the item's new position and says what changed (`announcement`); nothing is saved or said if nothing did. */
	async #change(item: StoryItem, next: ItemPosition, announcement: string): Promise<void> {
		const before = positionOf(item);
		const same = (Object.keys(next) as (keyof ItemPosition)[]).every((key) => next[key] === before[key]);
		if (same || !this.#mayChange()) return;
		const provenance = this.#source.provenance();
		const meetingId = this.#source.meetingId();
		await this.#inTurn(() => moveStoryItem(item.id, next, provenance, meetingId));
		this.#record({ itemId: item.id, before, after: next });
		this.announcement = announcement;
	}

	#record(step: Step): void {
		this.#undo = [...this.#undo.slice(-99), step];
		this.#redo = [];
	}
}
