/**
 * The preview pages' load and reply action, shared by a draft's preview and a published version's:
 * the route finds the subject, these shape it for the page. Nothing is written.
 */
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { positionProblem, type PositionProblem } from '../../engine/scenario';
import { problemText } from '../../components/studio/problem-text';
import { m } from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';
import { parseInput, parseRequest } from '../forms';
import { previewReplySchema, startQuerySchema } from './forms';
import { lineAt, replyStep, startPosition, stateChoices } from './play';
import type { Subject } from './subject';

const positionMessage: Record<PositionProblem, () => string> = {
	unknown_state: m.preview_state_gone,
	final_state: m.preview_state_final,
	past_turn_limit: m.preview_turn_invalid
};

const named = (
	list: { id: string; title: { zh: string; en: string }; tip: { zh: string; en: string } }[]
) => list.map(({ id, title, tip }) => ({ id, title, tip }));

/** What the preview page shows: the problems of a draft that does not load, or where to start. */
export function previewPage(event: RequestEvent, subject: Subject | null) {
	if (!subject) error(404, m.preview_not_found());
	const base = {
		origin: subject.origin,
		title: subject.title
	};
	if (!subject.ok)
		return {
			...base,
			problems: subject.problems.map((p) => ({
				line: p.line,
				col: p.col,
				path: p.path,
				message: problemText(p, getLocale())
			})),
			play: null
		};
	const query = parseInput(
		startQuerySchema,
		Object.fromEntries([...event.url.searchParams].filter(([, value]) => value !== ''))
	);
	const asked = query.ok ? query.data : {};
	const { at, problem } = startPosition(subject, asked);
	const { scenario } = subject.compiled;
	return {
		...base,
		problems: null,
		play: {
			notice: !query.ok
				? Object.values(query.errors)[0]
				: problem
					? positionMessage[problem]()
					: null,
			persona: scenario.persona,
			briefing: scenario.briefing,
			maxTurns: scenario.maxTurns,
			rubricVersion: subject.rubricVersion,
			states: stateChoices(subject),
			at,
			line: lineAt(subject.compiled, at),
			rubric: {
				dimensions: named(subject.rubric.doc.dimensions),
				violations: named(subject.rubric.doc.violations)
			}
		}
	};
}

/** One reply of the preview: validated, scored and played from the position it names. */
export async function previewReplyAction(event: RequestEvent, subject: Subject | null) {
	if (!subject) error(404, m.preview_not_found());
	const parsed = await parseRequest(event, previewReplySchema);
	if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors)[0] });
	if (!subject.ok) return fail(400, { message: m.preview_broken() });
	const { text, ...at } = parsed.data;
	const problem = positionProblem(subject.compiled, at);
	if (problem) return fail(400, { message: positionMessage[problem]() });
	return { step: replyStep(subject, at, text) };
}
