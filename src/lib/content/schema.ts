import * as v from 'valibot';

/*
 * Building blocks shared by every content schema (scales, themes, sheets, questions, templates).
 * Content is data written by us; these schemas check it at load and in the unit tests, so a
 * municipality's edited file is refused with a reason instead of breaking a screen.
 */

/** Lower-case ASCII words joined by hyphens: stable ids that can sit in URLs and stored records. */
export const contentId = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id: lower-case words joined by hyphens'));

const nonEmpty = v.pipe(v.string(), v.trim(), v.nonEmpty('text must not be empty'), v.maxLength(400));

/** Every text shown to a user exists in Danish and in English. */
export const localizedText = v.strictObject({ da: nonEmpty, en: nonEmpty });
export type LocalizedText = v.InferOutput<typeof localizedText>;

/** A list that holds exactly the given ids in the given order, so screens and stored answers can rely on them. */
export function exactIds<const S extends v.GenericSchema<unknown, { id: string }>>(item: S, ids: readonly string[]) {
	return v.pipe(
		v.array(item),
		v.check(
			(items) => items.length === ids.length && items.every((entry, index) => entry.id === ids[index]),
			`the ids must be exactly ${ids.join(', ')} in this order`
		)
	);
}

/** Parses content and turns valibot's issues into one readable line each (for tests and a refusal message). */
export function parseContent<const S extends v.GenericSchema>(schema: S, data: unknown, what: string): v.InferOutput<S> {
	const result = v.safeParse(schema, data);
	if (result.success) return result.output;
	const lines = result.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
	throw new Error(`${what} is not valid:\n${lines.join('\n')}`);
}
