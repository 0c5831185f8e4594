import type { CriterionView, DraftEffect } from '$lib/server/rubric-drafts';

const MAX_SHOWN = 100;
const pct = (x: number) => Math.round(x * 1000) / 10;

/** The effect of a draft as its page shows it: figures in percent, criteria by title. */
export function effectView(effect: DraftEffect, criteria: CriterionView[]) {
	const byId = new Map(criteria.map((c) => [c.id, c]));
	const figures = (f: DraftEffect['overall']) => ({
		before: { precision: pct(f.before.precision), recall: pct(f.before.recall) },
		after: { precision: pct(f.after.precision), recall: pct(f.after.recall) }
	});
	return {
		n: effect.n,
		seconds: (effect.ms / 1000).toFixed(1),
		model: effect.model,
		rows: effect.focus
			.filter((id) => effect.criteria[id])
			.map((id) => ({
				id,
				title: byId.get(id)?.title ?? { zh: id, en: id },
				...figures(effect.criteria[id]),
				changed: effect.changed.filter((c) => c.criterion === id).length
			})),
		overall: figures(effect.overall),
		replies: new Set(effect.changed.map((c) => c.id)).size,
		total: effect.changed.length,
		changed: effect.changed.slice(0, MAX_SHOWN).map((c) => ({
			key: `${c.id}:${c.criterion}`,
			text: c.text,
			lang: c.lang,
			kind: byId.get(c.criterion)?.kind ?? 'dimension',
			title: byId.get(c.criterion)?.title ?? { zh: c.criterion, en: c.criterion },
			before: c.before,
			after: c.after,
			labelled: c.labelled
		}))
	};
}
