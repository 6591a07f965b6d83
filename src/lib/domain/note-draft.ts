import { byCreatedAtDescending, type Answer } from './answer';
import type { Agreement, Goal, Plan } from './plan';

/*
 * The draft of the du-form note for the case file: what the citizen told, what was relayed or seen,
 * the citizen's own words, the goals and the agreements with the citizen's view of each, one sentence
 * per question asked, every sentence with the answers it came from. The adviser edits the draft before it goes into the plan; the wording comes
 * from the caller (the dictionaries), so this stays free of any language.
 */

export interface NoteSentence {
	text: string;
	/** The answers the sentence says something about: a reader can check it against them. */
	answerIds: string[];
}

export interface NoteWords {
	/** What an answer is about, as words that fit in a sentence ("hvordan du har det"); undefined leaves it out. */
	topic(answer: Answer): string | undefined;
	/**
	 * The question the answer answered, briefly ("Hvordan har du det i dag?"), when the step asked several: the sentence
	 * names it instead of the topic, so answers to two questions of one step never read as one answer ("godt og ja").
	 */
	question(answer: Answer): string | undefined;
	/** What was expressed, in plain words. */
	content(answer: Answer): string;
	/** The name of the person who relayed, supported or observed, when one is named. */
	person(answer: Answer): string | undefined;
	/** Several answers in one sentence: "godt, rigtig godt og skidt". */
	list(items: string[]): string;
	told(topic: string, answers: string): string;
	supported(person: string, topic: string, answers: string): string;
	relayed(person: string, topic: string, answers: string): string;
	/** What someone saw of the citizen's answer without words; `person` is who saw it, when one is named. */
	observed(person: string | undefined, topic: string, answers: string): string;
	quote(text: string): string;
	/** A goal, and the sentence of the citizen's view of it when there is one (see `view`). */
	goal(goal: Goal, view: string | undefined): string;
	/** An agreement, and the sentence of the citizen's view of it when there is one (see `view`). */
	agreement(agreement: Agreement, view: string | undefined): string;
	/**
	 * The citizen's view of a goal or an agreement (the answer's subject says which) as a sentence that says whose words it
	 * is: supported, relayed and seen views say so, naming `person` when one is named.
	 */
	view(answer: Answer, person: string | undefined): string;
}

type Voice = 'told' | 'supported' | 'relayed' | 'observed';

interface Group {
	voice: Voice;
	topic: string;
	person?: string;
	answers: Answer[];
}

function voiceOf(answer: Answer): Voice {
	if (answer.provenance.mode === 'observeret') return 'observed';
	if (answer.provenance.mode === 'formidlet') return 'relayed';
	if (answer.provenance.mode === 'med-stoette') return 'supported';
	return 'told';
}

function isAboutPlan(answer: Answer): boolean {
	return answer.subject.kind === 'goal' || answer.subject.kind === 'agreement';
}

/** The newest active view of each goal and agreement, by `goal:<id>` and `agreement:<id>`. */
function planViews(answers: readonly Answer[]): Map<string, Answer> {
	const views = new Map<string, Answer>();
	for (const answer of [...answers].sort(byCreatedAtDescending)) {
		const subject = answer.subject;
		const key =
			subject.kind === 'goal' ? `goal:${subject.goalId}` : subject.kind === 'agreement' ? `agreement:${subject.agreementId}` : undefined;
		if (key !== undefined && !views.has(key)) views.set(key, answer);
	}
	return views;
}

export function draftNote(
	input: { answers: readonly Answer[]; plan?: Pick<Plan, 'goals' | 'agreements'> },
	words: NoteWords
): NoteSentence[] {
	const active = input.answers.filter((answer) => answer.status === 'active');
	const oldestFirst = [...active].sort((a, b) => a.createdAt - b.createdAt);
	// Answers about the same thing, given the same way, make one sentence, in the order first given.
	const entries: (NoteSentence | Group)[] = [];
	const groups = new Map<string, Group>();
	for (const answer of oldestFirst) {
		if (isAboutPlan(answer)) continue;
		if (answer.content.kind === 'text' && answer.content.quote) {
			entries.push({ text: words.quote(answer.content.text), answerIds: [answer.id] });
			continue;
		}
		const step = words.topic(answer);
		if (step === undefined) continue;
		const topic = words.question(answer) ?? step;
		const voice = voiceOf(answer);
		// Who relayed, supported or saw it is part of the sentence: an answer given with support was merged into "Du fortalte".
		const person = voice === 'told' ? undefined : words.person(answer);
		const key = JSON.stringify([voice, person ?? '', step, topic]);
		const group = groups.get(key);
		if (group) group.answers.push(answer);
		else {
			const created: Group = { voice, topic, person, answers: [answer] };
			groups.set(key, created);
			entries.push(created);
		}
	}
	const told = entries.map((entry): NoteSentence => {
		if (!('voice' in entry)) return entry;
		const said = words.list(entry.answers.map((answer) => words.content(answer)));
		const text =
			entry.voice === 'observed'
				? words.observed(entry.person, entry.topic, said)
				: entry.voice === 'relayed' && entry.person
					? words.relayed(entry.person, entry.topic, said)
					: entry.voice === 'supported' && entry.person
						? words.supported(entry.person, entry.topic, said)
						: words.told(entry.topic, said);
		return { text, answerIds: entry.answers.map((answer) => answer.id) };
	});
	const views = planViews(active);
	const viewSentence = (view: Answer | undefined) => view && words.view(view, words.person(view));
	const goals = (input.plan?.goals ?? []).map((goal) => {
		const view = views.get(`goal:${goal.id}`);
		return { text: words.goal(goal, viewSentence(view)), answerIds: view ? [view.id] : [] };
	});
	const agreements = (input.plan?.agreements ?? []).map((agreement) => {
		const view = views.get(`agreement:${agreement.id}`);
		return { text: words.agreement(agreement, viewSentence(view)), answerIds: view ? [view.id] : [] };
	});
	return [...told, ...goals, ...agreements];
}
