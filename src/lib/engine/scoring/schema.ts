import * as v from 'valibot';
import { bilingual, strict } from '../scenario/schema';

const phraseList = v.array(v.pipe(v.string('a phrase is text'), v.nonEmpty('empty phrase')));
const byLanguage = { zh: v.optional(phraseList), en: v.optional(phraseList) };
const score = v.optional(v.pipe(v.number('score is a number'), v.minValue(0.05), v.maxValue(1)), 1);
const cueNames = v.optional(v.array(v.string()));

const common = {
	/** Credit (0-1) the detector gives a dimension; a violation ignores it. */
	score,
	/** The plain reason a person reads beside the highlight ("blamed the customer"); {text} is the match. */
	reason: v.optional(bilingual),
	/** Skip a match that follows a negation in the same clause ("not another department's problem"). */
	negatable: v.optional(v.boolean()),
	/**
	 * A match stands whatever the learned model says: for what the rubric's authors know better than
	 * the labelled corpus (an insult wrapped in an apology, a time said in words).
	 */
	decisive: v.optional(v.boolean()),
	/**
	 * What this detector finds is *not* the dimension ("I've checked your order" on its own is a
	 * status, not a solution): when only it finds something, neither the rules nor the model credit
	 * the dimension.
	 */
	rulesOut: v.optional(v.boolean()),
	/** Skip a match when a cue list (from `cues`) has a match in the same sentence. */
	unlessNear: cueNames,
	/** Only count a match when a cue list has a match in the same sentence. */
	onlyNear: cueNames,
	/** Where unlessNear and onlyNear look: the match's clause, its sentence (default) or the whole reply. */
	nearScope: v.optional(
		v.picklist(['clause', 'sentence', 'reply'], 'nearScope is clause, sentence or reply')
	)
};

export type Detector =
	| ({ type: 'phrases' | 'patterns'; zh?: string[]; en?: string[] } & Common)
	| ({ type: 'time' } & Common)
	| ({ type: 'cues'; name: string } & Common)
	| ({ type: 'examples'; positive: string[]; negative?: string[]; threshold?: number } & Common)
	| ({ type: 'all'; of: Detector[] } & Common);
type Common = {
	score: number;
	reason?: { zh: string; en: string };
	negatable?: boolean;
	decisive?: boolean;
	rulesOut?: boolean;
	unlessNear?: string[];
	onlyNear?: string[];
	nearScope?: 'clause' | 'sentence' | 'reply';
};

const detector: v.GenericSchema<unknown, Detector> = v.lazy(() =>
	v.variant(
		'type',
		[
			strict(
				{ type: v.literal('phrases'), ...byLanguage, ...common },
				'phrases with zh and/or en lists'
			),
			strict(
				{ type: v.literal('patterns'), ...byLanguage, ...common },
				'patterns with zh and/or en lists'
			),
			strict({ type: v.literal('time'), ...common }, 'a time detector'),
			strict(
				{ type: v.literal('cues'), name: v.string('name the cue list'), ...common },
				'a cues detector'
			),
			strict(
				{
					type: v.literal('examples'),
					positive: v.pipe(
						v.array(v.string()),
						v.minLength(1, 'give at least one positive example')
					),
					negative: v.optional(v.array(v.string())),
					threshold: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(0.95))),
					...common
				},
				'examples with positive (and negative) replies'
			),
			strict(
				{
					type: v.literal('all'),
					of: v.pipe(v.array(detector), v.minLength(2, 'all needs two detectors or more')),
					...common
				},
				'all with of'
			)
		],
		(issue) =>
			issue.received === 'undefined'
				? 'a detector needs a type'
				: `unknown detector type ${issue.received}: use phrases, patterns, time, cues, examples or all`
	)
) as never;

const id = v.pipe(
	v.string(),
	v.regex(/^[a-z][a-z0-9_]*$/, 'ids are lower-case letters, digits and _')
);

const outcomeCap = v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100)));
const probability = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const rubricSchema = strict(
	{
		key: v.pipe(
			v.string(),
			v.regex(/^[a-z][a-z0-9-]*$/, 'key must be lower-case letters, digits and -')
		),
		version: v.pipe(v.number(), v.integer(), v.minValue(1)),
		title: bilingual,
		description: bilingual,
		/** How close (cosine, 0-1) a sentence must be to an example to count; per detector too. */
		exampleThreshold: v.optional(v.pipe(v.number(), v.minValue(0.1), v.maxValue(0.95)), 0.5),
		negation: strict(byLanguage, 'negation cues with zh and en lists'),
		/**
		 * Which dimensions a reply is judged on when its scenario state does not say: the first reply,
		 * and every later one. The others are "not needed here": shown if present, never counted against.
		 */
		expects: v.optional(
			strict({ first: v.array(id), later: v.array(id) }, 'first and later lists')
		),
		/**
		 * The learned detectors' decision thresholds, on the calibrated confidence of rule and model
		 * combined: from `uncertain` a finding is returned for a person to check; from `certain` it
		 * counts. Each violation may set its own.
		 */
		learned: v.optional(
			strict(
				{
					uncertain: probability,
					certain: probability,
					/** The model file trained for this rubric, beside it; missing, the rules score alone. */
					model: v.optional(
						v.pipe(v.string(), v.regex(/\.model\.json$/, 'a file named *.model.json'))
					)
				},
				'uncertain and certain thresholds, and the model file'
			),
			{ uncertain: 0.4, certain: 0.7 }
		),
		/** How a reply and an attempt are scored beyond the dimensions (see the README's formula). */
		scoring: v.optional(
			strict(
				{
					/** The highest score of a reply that is a run of keywords, not sentences. */
					keywordCap: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100)), 30),
					/** The highest attempt score for each way a conversation can end. */
					outcomeCaps: v.optional(
						strict(
							{
								resolved: outcomeCap,
								escalated_supervisor: outcomeCap,
								escalated_public: outcomeCap,
								customer_hung_up: outcomeCap,
								timed_out: outcomeCap
							},
							'a cap per outcome'
						),
						{}
					)
				},
				'scoring settings'
			),
			{ keywordCap: 30, outcomeCaps: {} }
		),
		cues: v.optional(
			v.record(
				id,
				strict(
					{ ...byLanguage, patterns: v.optional(v.array(v.string())) },
					'a cue list with zh, en and patterns lists'
				)
			),
			{}
		),
		dimensions: v.pipe(
			v.array(
				strict(
					{
						id,
						title: bilingual,
						weight: v.pipe(v.number('weight is a number'), v.minValue(0.1), v.maxValue(10)),
						description: bilingual,
						tip: bilingual,
						/** What the trainee reads beside evidence of this dimension ("apologised"). */
						reason: bilingual,
						/** Not credited when the reply has one of these violations (no listening while pushing away). */
						voidedBy: v.optional(v.array(id)),
						detectors: v.pipe(v.array(detector), v.minLength(1, 'a dimension needs a detector'))
					},
					'a dimension'
				)
			),
			v.minLength(1)
		),
		violations: v.array(
			strict(
				{
					id,
					severity: v.picklist(['critical', 'minor'], 'severity is critical or minor'),
					title: bilingual,
					definition: bilingual,
					tip: bilingual,
					/** What the trainee reads beside evidence of this violation ("blamed another party"). */
					reason: bilingual,
					/** A scenario's declared authority (what the agent may offer there) excuses it. */
					authorisable: v.optional(v.boolean()),
					/** Its own thresholds for the learned detectors (else the rubric's `learned`). */
					thresholds: v.optional(
						strict({ uncertain: probability, certain: probability }, 'uncertain and certain')
					),
					/** The highest score a reply with this (critical) violation can get. */
					cap: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100))),
					/** Points a (minor) violation takes off. */
					penalty: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100)), 0),
					/** Not a violation when these dimensions are shown in the same reply. */
					unlessShown: v.optional(v.array(id)),
					detectors: v.pipe(v.array(detector), v.minLength(1, 'a violation needs a detector'))
				},
				'a violation'
			)
		)
	},
	'a rubric'
);
export type RubricDocument = v.InferOutput<typeof rubricSchema>;
