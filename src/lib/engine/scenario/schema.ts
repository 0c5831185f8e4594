import * as v from 'valibot';

export const categories = [
	'rude_call',
	'disputed_fee',
	'missed_appointment',
	'product_misrepresentation',
	'property_damage',
	'unequal_treatment',
	'interdepartment',
	'other'
] as const;
export type Category = (typeof categories)[number];

export const outcomes = [
	'resolved',
	'escalated_supervisor',
	'escalated_public',
	'customer_hung_up',
	'timed_out'
] as const;
export type Outcome = (typeof outcomes)[number];

export const temperaments = ['calm', 'anxious', 'impatient', 'angry', 'hostile'] as const;

/** A strict object whose messages say which field is unknown, or what was expected. */
export function strict<E extends v.ObjectEntries>(
	entries: E,
	what: string,
	missing = (key: string) => `missing field ${key}`
) {
	return v.strictObject(entries, (issue) => {
		if (issue.expected === 'never') return `unknown field ${issue.received}`;
		if (issue.received === 'undefined' && issue.expected?.startsWith('"'))
			return missing(issue.expected);
		return `expected ${what}`;
	});
}

const translation = v.pipe(
	v.string('missing translation'),
	v.trim(),
	v.nonEmpty('missing translation')
);
/** Every text a trainee can see exists in both languages. */
export const bilingual = strict(
	{ zh: translation, en: translation },
	'a text with zh and en',
	() => 'missing translation'
);
export type Bilingual = v.InferOutput<typeof bilingual>;

const transition = strict(
	{
		guard: v.optional(v.unknown()),
		otherwise: v.optional(v.literal(true, 'otherwise must be true')),
		to: v.pipe(v.string('missing target state "to"'), v.nonEmpty('missing target state "to"')),
		/** The transition the reference reply should take: toward the scenario's best outcome. */
		best: v.optional(v.literal(true, 'best must be true')),
		mood: v.optional(
			v.pipe(
				v.number('mood change must be a number'),
				v.integer(),
				v.minValue(-100),
				v.maxValue(100)
			)
		)
	},
	'a transition with guard (or otherwise), to and mood'
);
export type RawTransition = v.InferOutput<typeof transition>;

const state = strict(
	{
		customer: v.optional(
			v.union(
				[bilingual, v.pipe(v.array(bilingual), v.minLength(1))],
				'expected a text with zh and en, or a list of them'
			)
		),
		ideal: v.optional(bilingual),
		/** The rubric dimensions a reply is judged on here; the rubric's default when left out. */
		expects: v.optional(
			v.pipe(
				v.array(v.string('a dimension id'), 'expects lists dimension ids'),
				v.minLength(1, 'expects lists at least one dimension')
			)
		),
		on: v.optional(
			v.pipe(v.array(transition), v.minLength(1, 'a state needs at least its otherwise transition'))
		),
		outcome: v.optional(v.picklist(outcomes, `outcome must be one of ${outcomes.join(', ')}`)),
		text: v.optional(bilingual)
	},
	'a state'
);
export type RawState = v.InferOutput<typeof state>;

const id = (what: string) =>
	v.pipe(
		v.string(`${what} must be text`),
		v.regex(/^[a-z][a-z0-9_-]*$/, `${what} must be lower-case letters, digits, - or _`)
	);

export const scenarioSchema = strict(
	{
		key: id('key'),
		version: v.pipe(v.number('version must be a number'), v.integer(), v.minValue(1)),
		title: bilingual,
		category: v.picklist(categories, `category must be one of ${categories.join(', ')}`),
		difficulty: v.pipe(
			v.number('difficulty must be 1, 2 or 3'),
			v.integer(),
			v.minValue(1),
			v.maxValue(3)
		),
		cases: v.pipe(
			v.array(v.pipe(v.string(), v.regex(/^C([1-9]|1[0-6])$/, 'source cases are C1 to C16'))),
			v.minLength(1, 'name at least one source case')
		),
		persona: strict(
			{
				name: bilingual,
				temperament: v.picklist(
					temperaments,
					`temperament must be one of ${temperaments.join(', ')}`
				),
				mood: v.pipe(
					v.number('mood must be a number from 0 to 100'),
					v.integer(),
					v.minValue(0),
					v.maxValue(100)
				)
			},
			'a persona with name, temperament and mood'
		),
		briefing: bilingual,
		/**
		 * What the agent may offer in this scenario (remedies, gifts and refunds under the rules, free
		 * services): phrases in both languages. A promise of these is not beyond authority.
		 */
		authority: v.optional(
			v.array(
				strict(
					{
						label: bilingual,
						zh: v.pipe(v.array(v.pipe(v.string(), v.nonEmpty('empty phrase'))), v.minLength(1)),
						en: v.pipe(v.array(v.pipe(v.string(), v.nonEmpty('empty phrase'))), v.minLength(1))
					},
					'an offer with a label and zh and en phrases'
				)
			)
		),
		/** The ending the reference replies lead to (resolved unless the case has a better one). */
		bestOutcome: v.optional(
			v.picklist(outcomes, `bestOutcome must be one of ${outcomes.join(', ')}`),
			'resolved'
		),
		rubric: id('rubric'),
		maxTurns: v.pipe(
			v.number('maxTurns must be a number'),
			v.integer(),
			v.minValue(1),
			v.maxValue(50)
		),
		start: v.string('missing start state'),
		guards: v.optional(v.record(id('guard name'), v.unknown())),
		states: v.record(id('state name'), state)
	},
	'a scenario'
);
export type ScenarioDocument = v.InferOutput<typeof scenarioSchema>;
