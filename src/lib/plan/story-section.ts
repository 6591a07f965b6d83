import { describeStoryContent } from '#lib/answers/describe.ts';
import { storyTemplate } from '#lib/content/story-templates.ts';
import { assertNever } from '#lib/domain/answer.ts';
import { localIsoDate, type Meeting } from '#lib/domain/meeting.ts';
import { meaningChangeOf, storyAt, storyMomentOf, type StoryContent, type StoryItem } from '#lib/domain/story.ts';
import { translate, type Language } from '#lib/i18n/translate.ts';
import { describeStoryProvenance } from '#lib/provenance/describe.ts';
import type { Block, StoryPicture } from './document.ts';
import { shortened } from './letters.ts';
import { Words } from './words.ts';

/* The citizen's recovery story in a plan document: pictures in Min plan, a line per item with provenance in the case file. */

/** The first words of a text item, to fit in its small box in the picture, in letters as seen (an emoji is one). */
const PICTURE_TEXT_MAX = 24;

function pictureLabel(content: StoryContent, language: Language): string {
	switch (content.kind) {
		case 'symbol':
			return content.label;
		case 'text':
			return shortened(content.text, PICTURE_TEXT_MAX);
		case 'photo':
		case 'recording':
		case 'drawing':
			return translate(language, `story.item.${content.kind}`);
		default:
			return assertNever(content);
	}
}

/** An item as the citizen reads it in Min plan: the words or the symbol's label, or what kind of thing it is. */
function mineItemText(content: StoryContent, words: Words): string {
	switch (content.kind) {
		case 'symbol':
			return content.label;
		case 'text':
			return content.text;
		case 'photo':
		case 'recording':
		case 'drawing':
			return words.t(`plan.story.mine.${content.kind}`);
		default:
			return assertNever(content);
	}
}

/**
 * An item in the case file: who put it there, how and when, and, when another than the citizen moved it to the area it
 * stands in at the plan's moment, who did and how: a move to another area changes what the item says.
 */
function caseItemLine(item: StoryItem, moment: number, words: Words): string {
	const language = words.language;
	const placed = { item: describeStoryContent(item.content, language), provenance: describeStoryProvenance(item.provenance, language) };
	const date = words.date(localIsoDate(new Date(item.createdAt)));
	const change = meaningChangeOf(item, -Infinity, moment);
	const placedIn = (item.history[0] ?? item).areaId;
	if (!change?.provenance || change.provenance.mode === 'selv' || change.areaId === placedIn)
		return words.t('plan.story.caseItem', { ...placed, date });
	return words.t('plan.story.caseItemMoved', {
		...placed,
		date,
		movedDate: words.date(localIsoDate(new Date(change.at))),
		movedBy: describeStoryProvenance(change.provenance, language)
	});
}

/**
 * "Min historie": the story as it stood at the meeting (storyMomentOf), drawn as a picture (areas with their items),
 * then area by area in words – short in Min plan, with who put each item there, how and when in the case file.
 * Nothing without a story.
 */
export function storySection(
	story: readonly StoryItem[] | undefined,
	meeting: Meeting,
	words: Words,
	version: 'citizen' | 'case-file'
): Block[] {
	const items = story ?? [];
	const moment = storyMomentOf(items, meeting);
	const now = storyAt(items, moment);
	const placed = items.flatMap((item) => {
		const state = now.get(item.id);
		return state ? [{ item, state }] : [];
	});
	if (placed.length === 0) return [];
	const template = storyTemplate(placed[0]!.item.templateId);
	const language = words.language;
	// An item whose area its template no longer has is shown in the first area rather than lost.
	const areaIds = new Set(template.areas.map((a) => a.id));
	const areaOf = (areaId: string) => (areaIds.has(areaId) ? areaId : template.areas[0]!.id);
	const areas = template.areas.map((area) => ({
		label: area.label[language],
		entries: placed.filter((p) => areaOf(p.state.areaId) === area.id).sort((a, b) => a.state.y - b.state.y || a.state.x - b.state.x)
	}));

	const summary = areas
		.map(({ label, entries }) =>
			words.t('plan.story.altArea', {
				area: label,
				items: entries.length > 0 ? words.list(entries.map((e) => pictureLabel(e.item.content, language))) : words.t('plan.story.altEmpty')
			})
		)
		.join(' ');
	const picture: StoryPicture = {
		alt: words.t(version === 'citizen' ? 'plan.story.alt' : 'plan.story.altCase', { areas: summary }),
		width: template.width,
		height: template.height,
		areas: template.areas.map((area) => ({
			x: area.x,
			y: area.y,
			w: area.w,
			h: area.h,
			label: area.label[language],
			fill: area.fill,
			stroke: area.stroke
		})),
		items: placed.map(({ item, state }) => ({
			x: state.x,
			y: state.y,
			w: state.w,
			h: state.h,
			label: pictureLabel(item.content, language),
			...(item.content.kind === 'symbol' ? { symbolId: item.content.symbolId } : {})
		}))
	};

	const blocks: Block[] = [
		{ kind: 'heading', level: 2, text: words.t('plan.story.title') },
		{ kind: 'story', picture }
	];
	for (const { label, entries } of areas) {
		blocks.push({ kind: 'heading', level: 3, text: label });
		if (entries.length === 0) {
			blocks.push({ kind: 'paragraph', text: words.t(version === 'citizen' ? 'plan.story.mine.empty' : 'plan.case.none') });
			continue;
		}
		const lines = entries.map(({ item }) =>
			version === 'citizen' ? mineItemText(item.content, words) : caseItemLine(item, moment, words)
		);
		blocks.push({ kind: 'list', items: lines });
	}
	return blocks;
}
