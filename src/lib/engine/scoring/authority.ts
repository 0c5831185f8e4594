import { normalize, type Span } from './normalize';

/** What an agent may offer in a scenario (a remedy, a gift under policy, a refund under the schedule). */
export type AuthorityOffer = {
	label: { zh: string; en: string };
	zh?: string[];
	en?: string[];
};

export type CompiledAuthority = { phrases: { text: string; label: { zh: string; en: string } }[] };

/** Normalises the phrases of a scenario's offers once, for every reply scored in it. */
export function compileAuthority(offers: AuthorityOffer[] | undefined): CompiledAuthority {
	return {
		phrases: (offers ?? []).flatMap((o) =>
			[...(o.zh ?? []), ...(o.en ?? [])]
				.map((p) => normalize(p).trim())
				.filter((p) => p.length > 0)
				.map((text) => ({ text, label: o.label }))
		)
	};
}

/** Where the allowed offers are named in a normalised reply. */
export function offersIn(
	text: string,
	authority: CompiledAuthority
): (Span & { label: { zh: string; en: string } })[] {
	const found: (Span & { label: { zh: string; en: string } })[] = [];
	for (const { text: phrase, label } of authority.phrases) {
		for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1))
			found.push({ start: at, end: at + phrase.length, label });
	}
	return found;
}
