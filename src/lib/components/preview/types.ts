import type { Outcome } from '$lib/engine/scenario/schema';
import type { PreviewPosition, TakenTransition } from '$lib/engine/scenario/preview';
import type { Explanation } from '$lib/engine/scoring/explain';
import type { ReadableAssessment } from '$lib/engine/scoring/readable';

type Bilingual = { zh: string; en: string };

/** A criterion of the rubric as the feedback names it. */
export type Named = { id: string; title: Bilingual; tip: Bilingual };

/** One reply of a preview, as the server played it. */
export type PlayedStep = {
	reply: string;
	at: PreviewPosition;
	customer: Bilingual | null;
	assessment: ReadableAssessment;
	explanation: Explanation;
	transition: TakenTransition;
	mood: { before: number; after: number };
	next: {
		done: boolean;
		state: string;
		customer: Bilingual | null;
		outcome: Outcome | null;
		outcomeText: Bilingual | null;
		position: PreviewPosition | null;
	};
};
